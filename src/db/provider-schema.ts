import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prismaDir } from '../project-root.js';
import type { Provider } from './provider.js';

/** prisma/schema.prisma (written for SQLite) as the schema for `provider`. */
export function providerSchema(provider: Provider, source = readSourceSchema()): string {
  return source
    .replace('provider = "sqlite"', `provider = "${provider}"`)
    .replaceAll('./generated/sqlite/', './');
}

export function readSourceSchema(): string {
  return readFileSync(join(prismaDir, 'schema.prisma'), 'utf8');
}
