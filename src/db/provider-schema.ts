import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Provider } from './provider.js';

export const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma');

/** prisma/schema.prisma (written for SQLite) as the schema for `provider`. */
export function providerSchema(provider: Provider, source = readSourceSchema()): string {
  return source
    .replace('provider = "sqlite"', `provider = "${provider}"`)
    .replaceAll('./generated/sqlite/', './');
}

export function readSourceSchema(): string {
  return readFileSync(join(prismaDir, 'schema.prisma'), 'utf8');
}
