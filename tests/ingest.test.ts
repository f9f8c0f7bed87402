import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import {
  type Article,
  type ArticleInput,
  ArticleValidationError,
  articleFormat,
  readArticleFile,
} from '../src/ingest/article-format.js';
import { ImportConflictError, importArticle } from '../src/ingest/import-article.js';
import { loadSeed, seedArticlePath } from '../src/ingest/seed.js';
import { normalizeName } from '../src/shared/normalize-name.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

let testDb: TestDatabase;
let prisma: Db;
let seed: Article;

beforeAll(async () => {
  testDb = await createTestDatabase();
  prisma = testDb.database.prisma;
  seed = await readArticleFile(seedArticlePath);
});

afterAll(async () => {
  await testDb?.drop();
});

/** Every row of every table, in id order: equal snapshots mean nothing was added or updated. */
async function snapshot(db: Db) {
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    sources: await db.source.findMany(byId),
    countries: await db.country.findMany(byId),
    organizations: await db.organization.findMany(byId),
    people: await db.person.findMany(byId),
    aliases: await db.alias.findMany(byId),
    externalIds: await db.externalId.findMany(byId),
    roles: await db.role.findMany(byId),
    statements: await db.statement.findMany(byId),
    statementSubjects: await db.statementSubject.findMany(byId),
    meetings: await db.meeting.findMany(byId),
    meetingParticipants: await db.meetingParticipant.findMany(byId),
    attestations: await db.attestation.findMany(byId),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

const rowCounts = (rows: Snapshot) =>
  Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, list.length]));

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** What the seed file describes, counted the way the import stores it. */
function expectedCounts(article: Article): Record<keyof Snapshot, number> {
  const entities = [...article.countries, ...article.organizations, ...article.people];
  const aliasCount = (entity: (typeof entities)[number]) =>
    new Set(
      entity.aliases.map(normalizeName).filter((alias) => alias !== normalizeName(entity.name)),
    ).size;
  return {
    sources: 1,
    countries: article.countries.length,
    organizations: article.organizations.length,
    people: article.people.length,
    aliases: sum(entities.map(aliasCount)),
    externalIds: sum(entities.map((entity) => entity.externalIds.length)),
    roles: sum(article.people.map((person) => person.roles.length)),
    statements: article.statements.length,
    statementSubjects: sum(article.statements.map((statement) => statement.about.length)),
    meetings: article.meetings.length,
    meetingParticipants: sum(article.meetings.map((meeting) => meeting.participants.length)),
    attestations: article.statements.length + article.meetings.length,
  };
}

describe('the seed', () => {
  it('loads every entity, statement and meeting of the file', async () => {
    const summary = await loadSeed(prisma);
    const expected = expectedCounts(seed);
    expect(rowCounts(await snapshot(prisma))).toEqual(expected);
    expect(summary.created).toEqual(expected);
    expect(Object.values(summary.matched).every((count) => count === 0)).toBe(true);
  });

  it('keeps the source text byte for byte and attests each excerpt at its offsets', async () => {
    const source = await prisma.source.findFirstOrThrow({ include: { attestations: true } });
    expect(source.text).toBe(
      readFileSync(join(dirname(seedArticlePath), 'wang-yi-moscow.txt'), 'utf8'),
    );
    expect(source.attestations).toHaveLength(seed.statements.length + seed.meetings.length);
    for (const attestation of source.attestations) {
      expect(source.text.slice(attestation.startOffset, attestation.endOffset)).toBe(
        attestation.excerpt,
      );
    }
  });

  it('stores names normalized, dates with their precision, one speaker per statement', async () => {
    const kim = await prisma.person.findFirstOrThrow({
      where: { aliases: { some: { normalizedName: 'kim jong-un' } } },
      include: { country: true, roles: true },
    });
    expect(kim).toMatchObject({ name: 'Kim Jong Un', normalizedName: 'kim jong un' });
    expect(kim.country?.iso2).toBe('KP');
    const report = await prisma.statement.findFirstOrThrow({
      where: { kind: 'REPORT', speakerOrganizationId: { not: null } },
      include: { speakerOrganization: true, subjects: { include: { country: true } } },
    });
    expect(report.occurredOn?.toISOString()).toBe('2025-02-01T00:00:00.000Z');
    expect(report.occurredPrecision).toBe('MONTH');
    expect(report.speakerOrganization?.name).toBe('South Korean intelligence');
    expect(report.subjects.map((subject) => subject.country?.iso2).sort()).toEqual([
      'KP',
      'RU',
      'UA',
    ]);
    const statements = await prisma.statement.findMany();
    for (const statement of statements) {
      expect(
        [statement.speakerPersonId, statement.speakerOrganizationId].filter(Boolean),
      ).toHaveLength(1);
    }
    const subjects = await prisma.statementSubject.findMany();
    for (const subject of subjects) {
      const set = [subject.personId, subject.countryId, subject.organizationId].filter(Boolean);
      expect(set).toHaveLength(1);
    }
  });

  it('changes nothing when loaded again', async () => {
    const before = await snapshot(prisma);
    const summary = await loadSeed(prisma);
    expect(await snapshot(prisma)).toEqual(before);
    expect(summary.matched).toEqual(expectedCounts(seed));
    expect(Object.values(summary.created).every((count) => count === 0)).toBe(true);
    expect(Object.values(summary.updated).every((count) => count === 0)).toBe(true);
  });
});

describe('another article', () => {
  const text =
    'Sergey Lavrov said on Wednesday that Russia welcomed the talks with Wang Yi in Moscow.';
  const article = (): ArticleInput => ({
    format: articleFormat,
    source: {
      title: 'Lavrov on the talks',
      publisher: 'Example News',
      url: 'https://news.example.org/lavrov-on-the-talks',
      publishedOn: '2025-04-02',
      language: 'en',
      text,
    },
    countries: [{ key: 'ru', name: 'Russian Federation', iso2: 'RU', iso3: 'RUS' }],
    organizations: [],
    people: [
      { key: 'lavrov', name: 'Sergey Lavrov', country: 'ru' },
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

  it('is matched to the entities already known, by code, name or alias', async () => {
    const before = rowCounts(await snapshot(prisma));
    const summary = await importArticle(prisma, article());
    expect(summary.created).toMatchObject({
      sources: 1,
      countries: 0,
      people: 0,
      aliases: 1,
      statements: 1,
      statementSubjects: 1,
      attestations: 1,
    });
    expect(summary.matched).toMatchObject({ countries: 1, people: 2 });
    const after = rowCounts(await snapshot(prisma));
    expect(after.people).toBe(before.people);
    expect(after.statements).toBe((before.statements ?? 0) + 1);
    const wang = await prisma.person.findFirstOrThrow({
      where: { normalizedName: 'wang yi' },
      include: { aliases: true },
    });
    expect(wang.aliases.map((alias) => alias.name)).toContain('王毅');
  });

  it('fails as a whole when the database rejects a row halfway through', async () => {
    const before = await snapshot(prisma);
    const inserts: string[] = [];
    const stop = testDb.database.onQuery(({ query }) => {
      if (/^\s*INSERT/i.test(query)) inserts.push(query);
    });
    const conflicting = {
      ...article(),
      source: { ...article().source, url: null, text: `${text} Atlantis was not there.` },
      countries: [
        { key: 'atlantis', name: 'Atlantis', iso2: 'XA', iso3: 'XAT' },
        // Passes validation, but CHN is China's alpha-3 code already.
        { key: 'cathay', name: 'Cathay', iso2: 'XC', iso3: 'CHN' },
      ],
      people: [],
      statements: [],
    };
    try {
      await expect(importArticle(prisma, conflicting)).rejects.toThrow();
    } finally {
      stop();
    }
    expect(inserts.some((query) => query.includes('Country'))).toBe(true);
    expect(await snapshot(prisma)).toEqual(before);
  });

  it('fails as a whole when it contradicts what the database holds', async () => {
    const before = await snapshot(prisma);
    const conflicting = {
      ...article(),
      source: { ...article().source, url: 'https://news.example.org/other', text: `${text} Q148` },
      people: [
        { key: 'lavrov', name: 'Sergey Lavrov', country: 'ru' },
        { key: 'wang', name: 'Wang Yi', externalIds: [{ scheme: 'wikidata', value: 'Q148' }] },
      ],
    };
    await expect(importArticle(prisma, conflicting)).rejects.toThrow(ImportConflictError);
    expect(await snapshot(prisma)).toEqual(before);
  });
});

describe('an invalid article file', () => {
  type ArticleJson = Omit<Article, 'source'> & {
    source: Omit<Article['source'], 'text'> & { textFile: string };
  };

  /** Writes a changed copy of the seed file elsewhere and reads it back. */
  async function readChanged(change: (json: ArticleJson) => void): Promise<ArticleValidationError> {
    const json = JSON.parse(readFileSync(seedArticlePath, 'utf8')) as ArticleJson;
    change(json);
    const dir = mkdtempSync(join(tmpdir(), 'kb-article-'));
    json.source.textFile = relative(dir, join(dirname(seedArticlePath), json.source.textFile));
    const file = join(dir, 'article.json');
    writeFileSync(file, JSON.stringify(json));
    try {
      await readArticleFile(file);
    } catch (error) {
      if (error instanceof ArticleValidationError) return error;
      throw error;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    throw new Error('the changed article was accepted');
  }

  const nth = <T>(items: T[], index: number): T => {
    const item = items[index];
    if (item === undefined) throw new Error(`the seed has no item ${index}`);
    return item;
  };

  it('refuses text no database stores faithfully (NUL, lone surrogates), naming where it is', async () => {
    const error = await readChanged((json) => {
      nth(json.people, 2).aliases = ['Don\u0000ald'];
      nth(json.statements, 0).text = 'broken \ud800 text';
    });
    expect(error.issues).toEqual([
      { path: ['people', 2, 'aliases', 0], message: 'text must not contain NUL characters' },
      { path: ['statements', 0, 'text'], message: 'text must be valid Unicode' },
    ]);
  });

  it.each([
    {
      problem: 'a reference to nothing',
      change: (json: ArticleJson) => {
        nth(json.statements, 2).speaker = 'jiang-zemin';
      },
      path: ['statements', 2, 'speaker'],
    },
    {
      problem: 'a reference to the wrong kind of entity',
      change: (json: ArticleJson) => {
        nth(json.meetings, 0).participants = ['wang-yi', 'russia'];
      },
      path: ['meetings', 0, 'participants', 1],
    },
    {
      problem: 'an excerpt the text does not contain',
      change: (json: ArticleJson) => {
        nth(json.statements, 3).excerpt = 'Trump said the talks had failed.';
      },
      path: ['statements', 3, 'excerpt'],
    },
    {
      problem: 'an impossible date',
      change: (json: ArticleJson) => {
        nth(json.meetings, 0).date = '2025-02-30';
      },
      path: ['meetings', 0, 'date'],
    },
    {
      problem: 'a role that ends before it starts',
      change: (json: ArticleJson) => {
        nth(nth(json.people, 2).roles, 0).end = '2024';
      },
      path: ['people', 2, 'roles', 0, 'end'],
    },
    {
      problem: 'a duplicate key',
      change: (json: ArticleJson) => {
        nth(json.people, 1).key = nth(json.people, 0).key;
      },
      path: ['people', 1, 'key'],
    },
    {
      problem: 'a lower-case ISO code',
      change: (json: ArticleJson) => {
        nth(json.countries, 0).iso2 = 'cn';
      },
      path: ['countries', 0, 'iso2'],
    },
    {
      problem: 'a blank name',
      change: (json: ArticleJson) => {
        nth(json.organizations, 1).name = '  ';
      },
      path: ['organizations', 1, 'name'],
    },
    {
      problem: 'a missing text file',
      change: (json: ArticleJson) => {
        json.source.textFile = 'no-such-article.txt';
      },
      path: ['source', 'textFile'],
    },
  ])('is rejected for $problem, naming the path', async ({ change, path }) => {
    const error = await readChanged(change);
    expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
    expect(error.message).toContain(`${path.join('.')}: `);
  });
});
