// `npm run db:new-migration -- <name>`: writes the next migration of both histories from the
// change to prisma/schema.prisma. SQLite diffs its migration history (replayed in memory)
// against the schema; PostgreSQL, whose live database the WASM engine cannot read, diffs the
// schema the histories were last generated from (prisma/migrations/migrated-schema.prisma).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFor, migrationsRoot } from './migrate.js';
import { type Provider, providers } from './provider.js';
import { providerSchema, readSourceSchema } from './provider-schema.js';
import { withSchemaEngine } from './schema-engine.js';
import { searchIndexFilter } from './search-index.js';

// The PostgreSQL engine connects even to diff two schemas, though it reads nothing.
const defaultPostgresUrl = 'postgresql://postgres@127.0.0.1:5432/postgres';

export const migratedSchemaPath = join(migrationsRoot, 'migrated-schema.prisma');

export function migrationHistoryTarget(provider: Provider) {
  return {
    tag: 'migrations' as const,
    baseDir: join(migrationsRoot, provider),
    lockfile: { path: 'migration_lock.toml', content: lockfile(provider) },
    shadowDbInitScript: '',
    migrationDirectories: migrationsFor(provider).map((m) => ({
      path: m.name,
      migrationFile: { path: 'migration.sql', content: { tag: 'ok' as const, value: m.sql } },
    })),
  };
}

function lockfile(provider: Provider): string {
  return `# Written by npm run db:new-migration; keep it in version control.\nprovider = "${provider}"\n`;
}

/** SQL that takes `provider`'s migration history to the current schema ('' when up to date). */
export async function pendingSchemaChange(provider: Provider): Promise<string> {
  const datamodel = { path: 'schema.prisma', content: providerSchema(provider) };
  const from =
    provider === 'sqlite'
      ? migrationHistoryTarget('sqlite')
      : existsSync(migratedSchemaPath)
        ? {
            tag: 'schemaDatamodel' as const,
            files: [
              {
                path: 'migrated-schema.prisma',
                content: providerSchema(provider, readFileSync(migratedSchemaPath, 'utf8')),
              },
            ],
          }
        : { tag: 'empty' as const };
  const result = await withSchemaEngine(
    provider,
    datamodel,
    (engine) =>
      engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files: [datamodel] },
        script: true,
        exitCode: true,
        // The full-text indexes are hand-written migrations outside the Prisma schema.
        filters: { externalTables: searchIndexFilter(provider), externalEnums: [] },
      }),
    process.env.POSTGRES_URL ?? defaultPostgresUrl,
  );
  return result.exitCode === 2 ? (result.stdout ?? '') : '';
}

async function main(name: string | undefined) {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error('usage: npm run db:new-migration -- <name in lower_snake_case>');
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const changes = await Promise.all(providers.map((p) => pendingSchemaChange(p)));
  let written = 0;
  for (const [index, provider] of providers.entries()) {
    const sql = changes[index] ?? '';
    if (!sql.trim()) continue;
    const dir = join(migrationsRoot, provider, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    writeFileSync(join(migrationsRoot, provider, 'migration_lock.toml'), lockfile(provider));
    process.stdout.write(`wrote ${dir}/migration.sql\n`);
    written++;
  }
  writeFileSync(migratedSchemaPath, readSourceSchema());
  if (written === 0) process.stdout.write('the schema has not changed: no migration written\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv[2]).catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
