// One isolated, migrated database per test file, on the provider the vitest project names.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { connect, type Database } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { Provider } from '../../src/db/provider.js';
import { sqliteFilePath } from '../../src/db/sqlite-url.js';

export const testProvider = (process.env.KB_TEST_PROVIDER ?? 'sqlite') as Provider;

export type TestDatabase = {
  url: string;
  provider: Provider;
  database: Database;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
};

/** An empty database URL on the test provider, not yet migrated, and a function deleting it. */
export async function createEmptyDatabase(): Promise<{ url: string; remove(): Promise<void> }> {
  if (testProvider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
    return {
      url: `file:${join(dir, 'knowledge.db')}`,
      remove: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_POSTGRES_URL;
  if (!adminUrl) throw new Error('TEST_POSTGRES_URL is needed for the postgresql test project');
  const name = `kb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    remove: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A migrated database, connected as the process-wide database that resolvers use. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url, remove } = await createEmptyDatabase();
  await migrate(url);
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

/** Whether a transaction that has written is open on the database at `url` (asked without waiting). */
export async function writeTransactionOpen(url: string): Promise<boolean> {
  if (testProvider === 'sqlite') {
    const connection = new Sqlite(sqliteFilePath(url), { timeout: 0 });
    try {
      connection.exec('BEGIN IMMEDIATE');
      connection.exec('ROLLBACK');
      return false;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw error;
    } finally {
      connection.close();
    }
  }
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
         AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_xid IS NOT NULL`,
    );
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}
