// One isolated, migrated database per test file, on the provider the vitest project names: a copy
// of the template that tests/helpers/global-setup.ts migrated once for the whole run.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/db/client.js';
import type { Provider } from '../../src/db/provider.js';
import { sqliteFilePath } from '../../src/db/sqlite-url.js';
import { postgresDatabaseUrl } from './postgres-url.js';

export const testProvider = (process.env.KB_TEST_PROVIDER ?? 'sqlite') as Provider;

export type TestDatabase = {
  url: string;
  provider: Provider;
  database: Database;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
};

/** An empty database URL on the test provider, not yet migrated, and a function deleting it. */
export function createEmptyDatabase(): Promise<{ url: string; remove(): Promise<void> }> {
  return createDatabase();
}

/** A new database on the test provider: empty, or a copy of `template`. */
async function createDatabase(
  template?: string,
): Promise<{ url: string; remove(): Promise<void> }> {
  if (testProvider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
    const file = join(dir, 'knowledge.db');
    if (template) copyFileSync(sqliteFilePath(template), file);
    return {
      url: `file:${file}`,
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  const templateName = template && new URL(template).pathname.slice(1);
  await adminQuery(`CREATE DATABASE ${name}${templateName ? ` TEMPLATE ${templateName}` : ''}`);
  return {
    url: postgresDatabaseUrl(name),
    remove: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * A migrated database (holding the seed knowledge when `seeded`), connected as the process-wide
 * database that resolvers use.
 */
export async function createTestDatabase(
  options: { seeded?: boolean } = {},
): Promise<TestDatabase> {
  const templates = inject('templates');
  const { url, remove } = await createDatabase(
    options.seeded ? templates.seeded : templates.migrated,
  );
  const database = connect(url, { poolSize: 4 });
  return {
    url,
    provider: testProvider,
    database,
    drop: async () => {
      await database.close();
      await remove();
    },
  };
}
