// The import CLI killed with SIGKILL in the middle of an article: the database holds the whole
// article or none of it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { readArticleFile } from '../src/ingest/article-format.js';
import { importArticle } from '../src/ingest/import-article.js';
import { bigArticle, bigArticleTitle, generatedPrefix } from './helpers/big-article.js';
import { createEmptyDatabase, testProvider, writeTransactionOpen } from './helpers/database.js';

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
  while (Date.now() < deadline) {
    if (await writeTransactionOpen(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the import never opened a write transaction');
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
  }, 300_000);
});
