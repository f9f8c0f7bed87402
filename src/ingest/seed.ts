// The knowledge the server starts with (`npm run db:seed` loads it by hand: seed-command.ts).
import { join } from 'node:path';
import type { Db } from '../db/client.js';
import { prismaDir } from '../project-root.js';
import { readArticleFile } from './article-format.js';
import { type ImportSummary, importArticle } from './import-article.js';

export const seedArticlePath = join(prismaDir, 'seed', 'wang-yi-moscow.json');

export async function loadSeed(prisma: Db): Promise<ImportSummary> {
  return importArticle(prisma, await readArticleFile(seedArticlePath));
}
