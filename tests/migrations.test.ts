import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, migrationsFor, plan } from '../src/db/migrate.js';
import { nameIndexTables } from '../src/db/name-index.js';
import { migratedSchemaPath, pendingSchemaChange } from '../src/db/new-migration.js';
import { readSourceSchema } from '../src/db/provider-schema.js';
import { searchIndexTables } from '../src/db/search-index.js';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';

describe('migration histories', () => {
  it('were generated from the current prisma/schema.prisma', () => {
    expect(readFileSync(migratedSchemaPath, 'utf8')).toBe(readSourceSchema());
  });

  it(`lead ${testProvider} exactly to the schema (no drift)`, async () => {
    expect(await pendingSchemaChange(testProvider)).toBe('');
  });

  it('hold the same migrations for both providers', () => {
    const names = (provider: 'sqlite' | 'postgresql') => migrationsFor(provider).map((m) => m.name);
    expect(names('postgresql')).toEqual(names('sqlite'));
  });
});

async function columnsOf(url: string): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  if (url.startsWith('file:')) {
    const db = new Database(sqliteFilePath(url), { readonly: true });
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of names) {
      const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[];
      tables[name] = columns.map((c) => c.name).sort();
    }
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    await client.end();
    for (const row of rows)
      tables[row.table_name] = [...(tables[row.table_name] ?? []), row.column_name];
    for (const columns of Object.values(tables)) columns.sort();
  }
  return tables;
}

describe('the migration runner', () => {
  it('creates every table, records each migration once, and is a no-op the second time', async () => {
    const { url, remove } = await createEmptyDatabase();
    try {
      const names = migrationsFor(testProvider).map((m) => m.name);
      expect(await migrate(url)).toEqual(names);
      expect(await migrate(url)).toEqual([]);
      const tables = await columnsOf(url);
      expect(Object.keys(tables)).toEqual(
        expect.arrayContaining(['Person', 'Statement', 'StatementSubject', '_prisma_migrations']),
      );
      expect(tables.Statement).toContain('occurredPrecision');
    } finally {
      await remove();
    }
  });

  it.runIf(testProvider === 'postgresql')(
    'gives PostgreSQL the tables and columns SQLite has',
    async () => {
      const { url, remove } = await createEmptyDatabase();
      const dir = mkdtempSync(join(tmpdir(), 'kb-columns-'));
      const sqlite = `file:${join(dir, 'knowledge.db')}`;
      try {
        await migrate(url);
        await migrate(sqlite);
        // The full-text indexes differ by design (an FTS5 virtual table and its shadow tables
        // against a table with a tsvector column): tests/search.test.ts checks both behave alike.
        const withoutSearch = (tables: Record<string, string[]>) =>
          Object.fromEntries(
            Object.entries(tables).filter(
              ([name]) =>
                !searchIndexTables.sqlite.includes(name) &&
                !searchIndexTables.postgresql.includes(name) &&
                !nameIndexTables.sqlite.includes(name) &&
                !nameIndexTables.postgresql.includes(name),
            ),
          );
        expect(withoutSearch(await columnsOf(url))).toEqual(withoutSearch(await columnsOf(sqlite)));
      } finally {
        await remove();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses a history that was edited after it was applied, or that is newer than the code', () => {
    const migrations = [{ name: '1_init', sql: 'x', checksum: 'aaa' }];
    expect(() => plan(migrations, [{ migration_name: '1_init', checksum: 'bbb' }])).toThrow(
      'migration 1_init was modified after it was applied',
    );
    expect(() => plan(migrations, [{ migration_name: '2_next', checksum: 'ccc' }])).toThrow(
      /migrated by a newer version/,
    );
    expect(plan(migrations, [])).toEqual(migrations);
  });
});
