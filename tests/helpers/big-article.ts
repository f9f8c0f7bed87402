// The seed article with its text changed (so: a new source) and thousands of extra statements.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { seedArticlePath } from '../../src/ingest/seed.js';

export const bigArticleTitle = 'A big copy of the seed article';
export const generatedPrefix = 'Generated statement number';

export function bigArticle(statementCount: number) {
  const seed = JSON.parse(readFileSync(seedArticlePath, 'utf8'));
  const text = readFileSync(join(dirname(seedArticlePath), seed.source.textFile), 'utf8');
  delete seed.source.textFile;
  seed.source.text = `${text}\n(big copy)`;
  seed.source.title = bigArticleTitle;
  const template = seed.statements[0];
  for (let i = 0; i < statementCount; i++) {
    seed.statements.push({ ...template, key: `generated-${i}`, text: `${generatedPrefix} ${i}.` });
  }
  return seed;
}
