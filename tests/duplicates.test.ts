// Names close to stored ones are not created silently: the import and the create mutations
// refuse them by default (listing the candidates, writing nothing), or use the match, or create
// anyway; curators list likely duplicates across the base. Seed knowledge loaded.
import { describe, expect, it } from 'vitest';
import { type ArticleInput, articleFormat11 } from '../src/ingest/article-format.js';
import { importArticle, PossibleDuplicatesError } from '../src/ingest/import-article.js';
import { keyHeaders, mutate, snapshot } from './helpers/curation.js';
import { data, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

const db = useSeededDatabase();

const text = 'Sergei Lavrow told reporters in Moscow that the talks had been "useful".';

/** An article naming Lavrov with a typo; Russia given by its ISO code alone (format 1.1). */
const lavrowArticle = (url: string): ArticleInput => ({
  format: articleFormat11,
  source: {
    title: 'Lavrow in Moscow',
    publisher: null,
    url,
    publishedOn: '2025-04-02',
    language: 'en',
    text,
  },
  countries: [{ key: 'ru', name: 'Russia', iso2: 'RU' }],
  organizations: [],
  people: [{ key: 'lavrow', name: 'Sergei Lavrow', country: 'ru' }],
  statements: [
    {
      key: 's1',
      speaker: 'lavrow',
      text: 'Lavrov called the talks useful.',
      kind: 'PARAPHRASE',
      date: '2025-04-02',
      about: [],
      excerpt: 'the talks had been “useful”',
      verification: 'EXTRACTED',
      confidence: 0.7,
    },
  ],
  meetings: [],
});

const importMutation = `mutation ($article: JSON!, $duplicates: DuplicatePolicy) {
  importArticle(article: $article, duplicates: $duplicates) {
    __typename
    ... on Error { message }
    ... on PossibleDuplicatesError { duplicates { path name candidates { id name score } } }
    ... on ImportArticleSuccess { import {
      created { people statements } matched { people }
      possibleDuplicates { path name candidates { name } }
    } }
  }
}`;

const lavrovs = () =>
  db.current.database.prisma.person.findMany({
    where: { normalizedName: { startsWith: 'sergei lavr' } },
    orderBy: { id: 'asc' },
  });

describe('importing a name close to a stored one', () => {
  it('is refused by default, listing Sergei Lavrov, and writes nothing', async () => {
    const before = await snapshot();
    const error = await importArticle(
      db.current.database.prisma,
      lavrowArticle('https://example.org/lavrow-1'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PossibleDuplicatesError);
    const [duplicate] = (error as PossibleDuplicatesError).duplicates;
    expect(duplicate?.path).toEqual(['people', 0]);
    expect(duplicate?.candidates[0]?.name).toBe('Sergei Lavrov');
    expect(duplicate?.candidates[0]?.score).toBeGreaterThan(0.85);
    expect(await snapshot()).toEqual(before);
  });

  it('is refused through the mutation with the candidates and their IDs', async () => {
    const headers = await keyHeaders('EDITOR');
    const before = await snapshot();
    const result = await data(
      importMutation,
      { article: lavrowArticle('https://example.org/lavrow-2') },
      headers,
    );
    expect(result.importArticle.__typename).toBe('PossibleDuplicatesError');
    expect(result.importArticle.duplicates).toEqual([
      {
        path: ['article', 'people', '0'],
        name: 'Sergei Lavrow',
        candidates: [
          {
            id: await idOf('people', 'Sergei Lavrov'),
            name: 'Sergei Lavrov',
            score: expect.any(Number),
          },
        ],
      },
    ]);
    const { changes, ...rows } = await snapshot();
    const { changes: changesBefore, ...rowsBefore } = before;
    expect(rows).toEqual(rowsBefore);
  });

  it('uses the stored person with USE_MATCH: no second Lavrov, his statement is his', async () => {
    const headers = await keyHeaders('EDITOR');
    const result = await data(
      importMutation,
      { article: lavrowArticle('https://example.org/lavrow-3'), duplicates: 'USE_MATCH' },
      headers,
    );
    expect(result.importArticle.import).toMatchObject({
      created: { people: 0, statements: 1 },
      matched: { people: 1 },
      possibleDuplicates: [
        { path: ['article', 'people', '0'], candidates: [{ name: 'Sergei Lavrov' }] },
      ],
    });
    const people = await lavrovs();
    expect(people.map((p) => p.name)).toEqual(['Sergei Lavrov']);
    const statement = await db.current.database.prisma.statement.findFirstOrThrow({
      where: { text: 'Lavrov called the talks useful.' },
      include: { attestations: true },
    });
    expect(statement.speakerPersonId).toBe(people[0]?.id);
    // Typed with curly quotes, stored as the text's own span (straight ones).
    expect(statement.attestations[0]?.excerpt).toBe('the talks had been "useful"');
    expect(statement.verification).toBe('EXTRACTED');
  });

  it('creates the second person only with CREATE, and still reports the match', async () => {
    const headers = await keyHeaders('EDITOR');
    const result = await data(
      importMutation,
      { article: lavrowArticle('https://example.org/lavrow-4'), duplicates: 'CREATE' },
      headers,
    );
    expect(result.importArticle.import).toMatchObject({
      created: { people: 1 },
      possibleDuplicates: [{ name: 'Sergei Lavrow', candidates: [{ name: 'Sergei Lavrov' }] }],
    });
    expect((await lavrovs()).map((p) => p.name)).toEqual(['Sergei Lavrov', 'Sergei Lavrow']);
  });
});

describe('curators', () => {
  const pairsQuery = `query ($kind: DuplicateKind!) {
    duplicateCandidates(kind: $kind, first: 5) { score a { id name } b { id name } }
  }`;

  it('see the likely duplicates across the base, closest first, and merge them away', async () => {
    const { duplicateCandidates } = await data(pairsQuery, { kind: 'PERSON' });
    expect(duplicateCandidates[0]).toMatchObject({
      a: { name: 'Sergei Lavrov' },
      b: { name: 'Sergei Lavrow' },
    });
    const scores = duplicateCandidates.map((pair: { score: number }) => pair.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    // The seed's other people are not alike.
    expect(duplicateCandidates).toHaveLength(1);

    const admin = await keyHeaders('ADMIN');
    const merged = await data(
      `mutation ($input: MergeEntitiesInput!) { mergeEntities(input: $input) { __typename } }`,
      { input: { survivor: duplicateCandidates[0].a.id, duplicate: duplicateCandidates[0].b.id } },
      admin,
    );
    expect(merged.mergeEntities.__typename).toBe('MergeEntitiesSuccess');
    // The index followed the merge: the duplicate's row is gone, its name is now an alias.
    expect((await data(pairsQuery, { kind: 'PERSON' })).duplicateCandidates).toEqual([]);
  });

  it('refuse a bad page size with a typed error', async () => {
    const result = await data(`{ duplicateCandidates(kind: ORGANIZATION) { score } }`);
    expect(result.duplicateCandidates).toEqual([]);
    const { execute } = await import('./helpers/execute.js');
    const bad = await execute(`{ duplicateCandidates(kind: PERSON, first: 0) { score } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'first',
    });
  });
});

describe('createPerson and createOrganization', () => {
  it('refuse a name close to a stored one unless told to use it or create anyway', async () => {
    const headers = await keyHeaders('EDITOR');
    const selection = `... on PossibleDuplicatesError { duplicates { path candidates { name } } }
      ... on CreatePersonSuccess { person { id name } }`;
    const before = await snapshot();
    const refused = await mutate(
      'createPerson',
      { name: 'Volodymyr Zelensky' },
      selection,
      headers,
    );
    expect(refused).toMatchObject({
      __typename: 'PossibleDuplicatesError',
      duplicates: [{ path: ['input', 'name'], candidates: [{ name: 'Volodymyr Zelenskyy' }] }],
    });
    expect(await snapshot()).toEqual(before);

    const used = await mutate(
      'createPerson',
      { name: 'Volodymyr Zelenskiy', duplicates: 'USE_MATCH' },
      selection,
      headers,
    );
    expect(used.person).toEqual({
      id: await idOf('people', 'Volodymyr Zelenskyy'),
      name: 'Volodymyr Zelenskyy',
    });

    const created = await mutate(
      'createPerson',
      { name: 'Volodymyr Zelensky', duplicates: 'CREATE' },
      selection,
      headers,
    );
    expect(created.person.name).toBe('Volodymyr Zelensky');

    const organization = await mutate(
      'createOrganization',
      { name: 'Ministry of Foreign Affairs of the Peoples Republic of China' },
      `... on PossibleDuplicatesError { duplicates { candidates { name } } }`,
      headers,
    );
    expect(organization.duplicates[0].candidates[0].name).toBe(
      "Ministry of Foreign Affairs of the People's Republic of China",
    );
    // A name nothing resembles is created as before.
    const fresh = await mutate('createPerson', { name: 'Ana Ribeiro' }, selection, headers);
    expect(fresh.person.name).toBe('Ana Ribeiro');
  });
});
