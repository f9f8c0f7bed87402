// The import CLI killed with SIGKILL in the middle of an article: the database holds the whole
// article or none of it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import { readArticleFile } from '../src/ingest/article-format.js';
import { importArticle } from '../src/ingest/import-article.js';
import { bigArticle, bigArticleTitle, generatedPrefix } from './helpers/big-article.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const statementCount = 1_500;

let url: string;
let remove: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ url, remove } = await createEmptyDatabase());
  await migrate(url);
  dir = mkdtempSync(join(tmpdir(), 'kb-kill-'));
});

afterAll(async () => {
  await remove?.();
  rmSync(dir, { recursive: true, force: true });
});

function bigArticleFile(): string {
  const file = join(dir, 'big.json');
  writeFileSync(file, JSON.stringify(bigArticle(statementCount)));
  return file;
}

/** Resolves once a write transaction is open on the test database. */
async function waitForOpenTransaction(): Promise<void> {
  const deadline = Date.now() + 40_000;
  const admin = testProvider === 'postgresql' ? new pg.Client({ connectionString: url }) : null;
  await admin?.connect();
  try {
    while (Date.now() < deadline) {
      if (admin) {
        const { rows } = await admin.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
             AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND backend_xid IS NOT NULL`,
        );
        if (rows.length > 0) return;
      } else if (sqliteWriteLocked(sqliteFilePath(url))) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the import never opened a write transaction');
  } finally {
    await admin?.end();
  }
}

/** Whether another connection holds the SQLite file's write lock (asked without waiting). */
function sqliteWriteLocked(file: string): boolean {
  const connection = new Sqlite(file, { timeout: 0 });
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

describe(`SIGKILL during an import (${testProvider})`, () => {
  it('leaves the whole article or none of it', async () => {
    const file = bigArticleFile();
    const child = spawn(
      process.execPath,
      ['--import', tsxLoader, join(root, 'src', 'cli.ts'), 'import', file],
      {
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const database = openDatabase(url);
    try {
      // Kill while the article's transaction is open (its writes invisible from outside).
      await waitForOpenTransaction();
      child.kill('SIGKILL');
      await exited;
      expect(child.signalCode).toBe('SIGKILL');
      const sources = await database.prisma.source.count({
        where: { title: bigArticleTitle },
      });
      const generated = await database.prisma.statement.count({
        where: { text: { startsWith: generatedPrefix } },
      });
      // Killed before its commit: none of the article is there, and nothing half of it.
      expect([sources, generated]).toEqual([0, 0]);
      // The same file imports whole afterwards.
      await importArticle(database.prisma, await readArticleFile(file));
      expect(
        await database.prisma.statement.count({
          where: { text: { startsWith: generatedPrefix } },
        }),
      ).toBe(statementCount);
    } finally {
      await database.close();
    }
  }, 60_000);
});
