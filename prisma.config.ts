// For Prisma's own CLI where its native engines are available (e.g. `prisma migrate deploy`,
// `prisma studio`): it picks the schema and migration history of DATABASE_URL's provider. The
// project's scripts do not need it: they generate and migrate offline.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL || 'file:./data/knowledge.db';
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: `prisma/generated/${provider}/schema.prisma`,
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url },
});
