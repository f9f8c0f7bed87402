import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, database, openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { type ArticleInput, articleFormat, readArticleFile } from '../src/ingest/article-format.js';
import { exportArticles } from '../src/ingest/export-articles.js';
import { importArticle } from '../src/ingest/import-article.js';
import { seedArticlePath } from '../src/ingest/seed.js';
import { runCli } from './helpers/cli.js';
import { keyHeaders, snapshot } from './helpers/curation.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { data, idOf, testConfig } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();
let editor: Record<string, string>;
let dir: string;

const text =
  'Sergei Lavrov said on Wednesday that Russia welcomed the talks with Wang Yi in Moscow.';
const second = (): ArticleInput => ({
  format: articleFormat,
  source: {
    title: 'Lavrov on the talks',
    publisher: 'Example News',
    url: 'https://news.example.org/lavrov',
    publishedOn: '2025-04-02',
    language: 'en',
    text,
  },
  countries: [{ key: 'ru', name: 'Russia', iso2: 'RU', iso3: 'RUS' }],
  organizations: [],
  people: [
    { key: 'lavrov', name: 'Sergei Lavrov', country: 'ru' },
    { key: 'wang', name: 'Wang Yi', aliases: ['王毅'] },
  ],
  statements: [
    {
      key: 'welcome',
      speaker: 'lavrov',
      text: 'Russia welcomed the talks with Wang Yi.',
      kind: 'PARAPHRASE',
      date: '2025-04-02',
      about: [{ subject: 'wang', stance: 'SUPPORTS' }],
      excerpt: text,
    },
  ],
  meetings: [],
});

const importMutation = `mutation ($article: JSON!) { importArticle(article: $article) {
  __typename
  ... on Error { message }
  ... on ValidationError { issues { path message } }
  ... on ImportArticleSuccess { import { source { title } created { statements aliases } matched { people } } }
} }`;

beforeAll(async () => {
  editor = await keyHeaders('EDITOR');
  dir = mkdtempSync(join(tmpdir(), 'kb-import-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the importArticle mutation', () => {
  it('imports an article, matching known entities; again, it changes nothing', async () => {
    const first = await data(importMutation, { article: second() }, editor);
    expect(first.importArticle).toEqual({
      __typename: 'ImportArticleSuccess',
      import: {
        source: { title: 'Lavrov on the talks' },
        created: { statements: 1, aliases: 1 },
        matched: { people: 2 },
      },
    });
    const before = await snapshot();
    const again = await data(importMutation, { article: second() }, editor);
    expect(again.importArticle.import.created).toEqual({ statements: 0, aliases: 0 });
    expect(await snapshot()).toEqual(before);
    const lavrov = await idOf('people', 'Sergei Lavrov');
    const changes = await data(
      'query ($id: ID!) { changes(entity: $id, first: 50) { edges { node { via actor } } } }',
      { id: lavrov },
    );
    // Matched, not changed: the only changes to Lavrov are the seed's, which created him.
    const vias = changes.changes.edges.map((edge: any) => edge.node.via);
    expect(vias.length).toBeGreaterThan(0);
    expect(new Set(vias)).toEqual(new Set(['import']));
  });

  it('imports one new article sent twice at the same time once', async () => {
    const article = second();
    article.source.url = 'https://news.example.org/simultaneous';
    article.source.text = `${text} Twice.`;
    article.statements[0] = { ...article.statements[0], excerpt: `${text} Twice.` } as never;
    article.people.push({ key: 'nebenzya', name: 'Vassily Nebenzya', country: 'ru' });
    const results = await Promise.all([
      data(importMutation, { article }, editor),
      data(importMutation, { article }, editor),
    ]);
    expect(results.map((r) => r.importArticle.__typename)).toEqual([
      'ImportArticleSuccess',
      'ImportArticleSuccess',
    ]);
    const { prisma } = database();
    expect(await prisma.source.count({ where: { url: article.source.url } })).toBe(1);
    expect(await prisma.person.count({ where: { name: 'Vassily Nebenzya' } })).toBe(1);
  });

  it('records the import in the audit trail', async () => {
    const result = await data(
      `{ changes(last: 50) { edges { node { via actor model action } } } }`,
      {},
    );
    const statement = result.changes.edges
      .map((edge: any) => edge.node)
      .find((node: any) => node.model === 'Statement' && node.via === 'importArticle');
    expect(statement).toEqual({
      via: 'importArticle',
      actor: 'editor',
      model: 'Statement',
      action: 'CREATE',
    });
  });

  it('rejects an invalid article with the offending paths and changes nothing', async () => {
    const before = await snapshot();
    const article = second();
    article.source.url = 'https://news.example.org/other';
    article.statements[0] = { ...article.statements[0], speaker: 'nobody' } as never;
    const result = await data(importMutation, { article }, editor);
    expect(result.importArticle.__typename).toBe('ValidationError');
    expect(result.importArticle.issues).toContainEqual({
      path: ['article', 'statements', '0', 'speaker'],
      message: '"nobody" is not the key of anything in this article',
    });
    const anonymous = await data(importMutation, { article: second() });
    expect(anonymous.importArticle.__typename).toBe('AuthorizationError');
    expect(await snapshot()).toEqual(before);
  });

  it('imports an article whose text is far over MAX_STRING_LENGTH: article text is long text', async () => {
    const article = second();
    const long = `${text} ${'More of the article. '.repeat(2_000)}`;
    expect(long.length).toBeGreaterThan(testConfig.MAX_STRING_LENGTH);
    article.source.url = 'https://news.example.org/long';
    article.source.text = long;
    article.statements[0] = {
      ...article.statements[0],
      key: 'welcome-long',
      excerpt: long.slice(0, 200),
    } as never;
    const result = await data(
      `mutation ($article: JSON!) { importArticle(article: $article) {
        ... on ImportArticleSuccess { import { source { text } } } } }`,
      { article },
      editor,
    );
    expect(result.importArticle.import.source.text).toBe(long);
  });

  it.each([
    ['a right-to-left override', 'Sergei\u202eLavrov'],
    ['a byte-order mark', 'Sergei\ufeffLavrov'],
    ['a control character', 'Sergei\u0007Lavrov'],
    ['a line break', 'Sergei\nLavrov'],
  ])('refuses a name with %s, naming the field, and stores nothing', async (_what, name) => {
    const before = await snapshot();
    const article = second();
    article.source.url = 'https://news.example.org/disguised';
    article.people[0] = { ...article.people[0], name } as never;
    const result = await data(importMutation, { article }, editor);
    expect(result.importArticle.__typename).toBe('ValidationError');
    expect(result.importArticle.issues).toContainEqual({
      path: ['article', 'people', '0', 'name'],
      message: expect.stringMatching(/must not contain control, byte-order or bidirectional/),
    });
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back an article that conflicts with the base half-way through', async () => {
    const before = await snapshot();
    const article = second();
    article.source.url = 'https://news.example.org/conflicting';
    article.source.text = `${text} Again.`;
    // Passes validation, but RU is recorded with another alpha-3 code: found after the source
    // row was already written inside the transaction.
    article.countries[0] = { ...article.countries[0], iso3: 'RUX' } as never;
    const result = await data(importMutation, { article }, editor);
    expect(result.importArticle.__typename).toBe('ConflictError');
    expect(await snapshot()).toEqual(before);
  });
});

/** Export of a database, as the comparison key: equal exports mean equal knowledge. */
async function exported(db: Database) {
  return exportArticles(db.prisma);
}

async function emptyDatabase(url: string) {
  await migrate(url);
  return openDatabase(url);
}

describe('export and import', () => {
  it('round-trips the whole base into an empty database exactly', async () => {
    const articles = await exported(database());
    // The seed, the second article and the long one.
    expect(articles).toHaveLength(4);
    const target = await createEmptyDatabase();
    const copy = await emptyDatabase(target.url);
    try {
      for (const article of articles) await importArticle(copy.prisma, article);
      expect(await exported(copy)).toEqual(articles);
      const counts = async (db: Database) =>
        Object.fromEntries(
          Object.entries(await snapshot(db.prisma))
            .filter(([table]) => table !== 'changes')
            .map(([table, rows]) => [table, rows.length]),
        );
      expect(await counts(copy)).toEqual(await counts(database()));
    } finally {
      await copy.close();
      await target.remove();
    }
  });

  it('exports one entity neighbourhood that imports on its own', async () => {
    const kim = await idOf('people', 'Kim Jong Un');
    const articles = await exportArticles(database().prisma, {
      type: 'Person',
      id: Number(
        Buffer.from(kim as string, 'base64')
          .toString()
          .split(':')[1],
      ),
    });
    expect(articles).toHaveLength(1);
    const article = articles[0] as ArticleInput;
    expect(article.people.map((p) => p.name)).toContain('Kim Jong Un');
    expect(article.people.map((p) => p.name)).not.toContain('Donald Trump');
    const target = await createEmptyDatabase();
    const copy = await emptyDatabase(target.url);
    try {
      await importArticle(copy.prisma, article);
      expect(await copy.prisma.person.count({ where: { name: 'Kim Jong Un' } })).toBe(1);
    } finally {
      await copy.close();
      await target.remove();
    }
  });

  it.runIf(process.env.TEST_POSTGRES_URL && testProvider === 'sqlite')(
    'round-trips from SQLite to PostgreSQL and back',
    async () => {
      const articles = await exported(database());
      const admin = process.env.TEST_POSTGRES_URL as string;
      const pgName = `kb_test_cross_${Date.now()}`;
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`CREATE DATABASE ${pgName}`);
      const pgUrl = new URL(admin);
      pgUrl.pathname = `/${pgName}`;
      const sqliteDir = mkdtempSync(join(tmpdir(), 'kb-cross-'));
      const postgres = await emptyDatabase(pgUrl.toString());
      const sqlite = await emptyDatabase(`file:${join(sqliteDir, 'back.db')}`);
      try {
        for (const article of articles) await importArticle(postgres.prisma, article);
        const fromPostgres = await exported(postgres);
        expect(fromPostgres).toEqual(articles);
        for (const article of fromPostgres) await importArticle(sqlite.prisma, article);
        expect(await exported(sqlite)).toEqual(articles);
      } finally {
        await postgres.close();
        await sqlite.close();
        await client.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
        await client.end();
        rmSync(sqliteDir, { recursive: true, force: true });
      }
    },
  );
});

describe('the kb command line', () => {
  it('imports files and directories with a summary, idempotently, skipping bad files', async () => {
    const target = await createEmptyDatabase();
    try {
      const seed = await readArticleFile(seedArticlePath);
      const articles = join(dir, 'articles');
      const { mkdirSync } = await import('node:fs');
      mkdirSync(articles);
      writeFileSync(join(articles, 'a-seed.json'), JSON.stringify(seed));
      writeFileSync(join(articles, 'b-second.json'), JSON.stringify(second()));
      writeFileSync(join(articles, 'c-broken.json'), '{ "format": "news-kb/article@1" ');
      const first = await runCli(['import', articles], target.url);
      expect(first.code).toBe(1);
      expect(first.stdout).toContain('imported 2 of 3 files');
      expect(first.stdout).toMatch(/created: 2 sources, 6 countries/);
      expect(first.stdout).toContain('skipped: 1 files');
      expect(first.stderr).toContain('c-broken.json');
      const copy = openDatabase(target.url);
      const before = await snapshot(copy.prisma);
      await copy.close();
      const again = await runCli(['import', join(articles, 'a-seed.json')], target.url);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('created: nothing');
      const out = join(dir, 'out.json');
      expect((await runCli(['export', '--out', out], target.url)).code).toBe(0);
      const reopened = openDatabase(target.url);
      try {
        expect(await snapshot(reopened.prisma)).toEqual(before);
        expect((await readArticleFilesFrom(out)).length).toBe(2);
      } finally {
        await reopened.close();
      }
    } finally {
      await target.remove();
    }
  }, 60_000);
});

async function readArticleFilesFrom(path: string) {
  const { readArticleFiles } = await import('../src/ingest/article-format.js');
  return readArticleFiles(path);
}
