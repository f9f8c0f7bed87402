// The knowledge the server starts with, and `tsx src/ingest/seed.ts` to load it into the database
// that DATABASE_URL names (migrating it first).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.js';
import { type Db, openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { readArticleFile } from './article-format.js';
import { type ImportSummary, importArticle } from './import-article.js';

export const seedArticlePath = fileURLToPath(
  new URL('../../prisma/seed/wang-yi-moscow.json', import.meta.url),
);

export async function loadSeed(prisma: Db): Promise<ImportSummary> {
  return importArticle(prisma, await readArticleFile(seedArticlePath));
}

async function main() {
  const { DATABASE_URL } = loadConfig();
  await migrate(DATABASE_URL);
  const database = openDatabase(DATABASE_URL);
  try {
    const summary = await loadSeed(database.prisma);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await database.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
