// Drafts import as they are: every development-set article and the seed, drafted and imported
// into a real database (SQLite, and PostgreSQL with TEST_POSTGRES_URL), enter as EXTRACTED.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importArticle } from '../src/ingest/import-article.js';
import { draftFromText } from '../src/intake/draft.js';
import { readArticleText } from '../src/intake/text-file.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb?.drop();
});

const fixtures = join(import.meta.dirname, 'fixtures', 'articles');
const published: Record<string, string> = { 'wang-yi-moscow.txt': '2025-03-31' };

describe('importing drafts', () => {
  it('imports every draft as it is, each statement and meeting EXTRACTED with its confidence', async () => {
    const prisma = testDb.database.prisma;
    const files = [
      ...(await readdir(fixtures)).filter((f) => f.endsWith('.txt')).map((f) => join(fixtures, f)),
      join(import.meta.dirname, '..', 'prisma', 'seed', 'wang-yi-moscow.txt'),
    ];
    let statements = 0;
    let meetings = 0;
    for (const file of files) {
      const article = await readArticleText(file);
      const draft = draftFromText({
        text: article.text,
        title: article.title,
        publishedOn: published[file.split('/').at(-1) ?? ''] ?? '2025-06-12',
      });
      const summary = await importArticle(prisma, draft, { via: `test:${file}` });
      expect(summary.created.statements).toBe(draft.statements.length);
      expect(summary.created.meetings).toBe(draft.meetings.length);
      statements += draft.statements.length;
      meetings += draft.meetings.length;
    }
    expect(statements).toBeGreaterThan(40);
    const stored = await prisma.statement.findMany({
      select: { verification: true, confidence: true },
    });
    expect(stored).toHaveLength(statements);
    expect(stored.every((s) => s.verification === 'EXTRACTED' && s.confidence < 1)).toBe(true);
    const storedMeetings = await prisma.meeting.findMany({ select: { verification: true } });
    expect(storedMeetings.map((m) => m.verification)).toEqual(Array(meetings).fill('EXTRACTED'));
  }, 180_000);
});
