// The research features on a larger generated knowledge base, checked against answers computed
// from the generator's own articles.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateArticles, topics } from '../bench/generate-articles.js';
import { db } from '../src/db/client.js';
import { importArticle } from '../src/ingest/import-article.js';
import { statementOrderBy } from '../src/schema/statement/filter.js';
import { data, execute, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const articles = generateArticles({ seed: 7, articles: 60, people: 40, countries: 10 });
const statements = articles.flatMap((article) =>
  article.statements.map((s) => {
    const keyName = new Map(
      [...article.people, ...article.countries].map((e) => [e.key, e.name] as const),
    );
    return {
      text: s.text,
      speaker: keyName.get(s.speaker) as string,
      about: s.about.map((a) => keyName.get(a.subject) as string),
    };
  }),
);
const meetings = articles.flatMap((article) =>
  article.meetings.map((m) =>
    m.participants.map((key) => article.people.find((p) => p.key === key)?.name as string),
  ),
);

beforeAll(async () => {
  // Generated names are alike on purpose ("Hana Brandt", "Jana Brandt"): each is its own person.
  for (const article of articles) await importArticle(db(), article, { duplicates: 'CREATE' });
}, 120_000);

const rowId = (globalId: string) =>
  Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);

async function pageThrough(field: 'statements' | 'meetings', orderBy: string, pageSize: number) {
  const ids: number[] = [];
  const statementsPerPage: number[] = [];
  let after: string | null = null;
  for (;;) {
    const result: any = await execute(
      `query ($after: String, $orderBy: ${field === 'statements' ? 'StatementOrder' : 'MeetingOrder'}) {
        ${field}(first: ${pageSize}, after: $after, orderBy: $orderBy) {
          edges { node { id } } pageInfo { hasNextPage endCursor }
        }
      }`,
      { after, orderBy },
    );
    expect(result.errors).toBeUndefined();
    const page = result.data[field];
    ids.push(...page.edges.map((edge: any) => rowId(edge.node.id)));
    statementsPerPage.push(result.sql.length);
    if (!page.pageInfo.hasNextPage) return { ids, statementsPerPage };
    after = page.pageInfo.endCursor;
  }
}

describe('on generated data', () => {
  it('pages by key in every order, with undated rows last, as one ordered read would', async () => {
    for (const orderBy of ['DATE_ASC', 'DATE_DESC', 'RECORDED_DESC'] as const) {
      const expected = await db().statement.findMany({
        orderBy: statementOrderBy(orderBy),
        select: { id: true },
      });
      const { ids, statementsPerPage } = await pageThrough('statements', orderBy, 7);
      expect(ids).toEqual(expected.map((row) => row.id));
      // A cursor lookup, the dated rows, the undated ones: never more, however deep.
      expect(Math.max(...statementsPerPage)).toBeLessThanOrEqual(3);
    }
    const undated = await db().statement.count({ where: { occurredOn: null } });
    expect(undated).toBeGreaterThan(7);
    for (const orderBy of ['DATE_ASC', 'DATE_DESC'] as const) {
      const expected = await db().meeting.findMany({
        orderBy: [
          { occurredOn: { sort: orderBy === 'DATE_ASC' ? 'asc' : 'desc', nulls: 'last' } },
          { id: orderBy === 'DATE_ASC' ? 'asc' : 'desc' },
        ],
        select: { id: true },
      });
      expect((await pageThrough('meetings', orderBy, 9)).ids).toEqual(expected.map((m) => m.id));
    }
  });

  it('pages backward from a cursor deep in the list', async () => {
    const { statements: all } = await data(
      '{ statements(first: 100) { edges { cursor node { id } } } }',
    );
    const { statements: before } = await data(
      'query ($before: String!) { statements(last: 5, before: $before) { edges { node { id } } } }',
      { before: all.edges[60].cursor },
    );
    expect(before.edges.map((e: any) => e.node.id)).toEqual(
      all.edges.slice(55, 60).map((e: any) => e.node.id),
    );
  });

  it('is deterministic', () => {
    expect(generateArticles({ seed: 7, articles: 60, people: 40, countries: 10 })).toEqual(
      articles,
    );
    expect(generateArticles({ seed: 8, articles: 60, people: 40, countries: 10 })).not.toEqual(
      articles,
    );
  });

  it('search finds every statement with a word, in pages', async () => {
    // Words the seed article does not use, so the generated statements are all there is.
    for (const topic of topics.slice(1, 4)) {
      const expected = statements.filter((s) => s.text.includes(` ${topic} `)).length;
      const { search } = await data(
        'query ($q: String!) { search(query: $q, types: [STATEMENT], first: 100) { totalCount edges { node { ... on Statement { text } } } } }',
        { q: topic },
      );
      expect(search.totalCount).toBe(expected);
      expect(search.edges.every((e: any) => e.node.text.includes(topic))).toBe(true);
    }
  });

  it('counts statements by speaker as the articles say', async () => {
    const expected = new Map<string, number>();
    for (const s of statements) expected.set(s.speaker, (expected.get(s.speaker) ?? 0) + 1);
    const { statementCounts } = await data(
      '{ statementCounts(groupBy: SPEAKER, first: 500) { label count } }',
    );
    const actual = new Map(
      statementCounts
        .filter((c: any) => expected.has(c.label))
        .map((c: any) => [c.label, c.count] as const),
    );
    expect(actual).toEqual(expected);
  });

  it('filters by all-of subjects and matches the timeline length', async () => {
    const person = statements[0]?.about[0] as string;
    const country = statements[0]?.about[1] as string;
    const both = statements.filter((s) => s.about.includes(person) && s.about.includes(country));
    const [personId, countryId] = [await idOf('people', person), await idOf('countries', country)];
    const result = await data(
      `query ($p: ID!, $c: ID!) {
        statements(filter: { subjectsAllOf: [{ id: $p }, { id: $c }] }, first: 1) { totalCount }
        node(id: $p) { ... on Person { timeline(first: 1) { totalCount } } }
      }`,
      { p: personId, c: countryId },
    );
    expect(result.statements.totalCount).toBe(both.length);
    const expectedTimeline =
      statements.filter((s) => s.speaker === person).length +
      statements.filter((s) => s.about.includes(person)).length +
      meetings.filter((m) => m.includes(person)).length;
    expect(result.node.timeline.totalCount).toBe(expectedTimeline);
  });

  it('finds a path between two generated people', async () => {
    const [from, to] = [statements[0]?.speaker as string, statements.at(-1)?.speaker as string];
    const { path } = await data(
      'query ($from: ID!, $to: ID!) { path(from: { id: $from }, to: { id: $to }, maxDepth: 6) { length steps { from { name } to { name } } } }',
      { from: await idOf('people', from), to: await idOf('people', to) },
    );
    expect(path.steps[0].from.name).toBe(from);
    expect(path.steps.at(-1).to.name).toBe(to);
  });

  it('keeps SQL statements per request constant as the page grows', async () => {
    const query = `query ($first: Int!) {
      statements(first: $first, orderBy: DATE_DESC) { edges { node {
        text speakerRoles { title } about { name }
        speaker { ... on Person { name country { name } } }
        attestations(first: 1) { edges { node { source { title } } } }
      } } }
      search(query: "sanctions", types: [STATEMENT], first: $first) { edges { node {
        ... on Statement { text speaker { ... on Person { name } } }
      } } }
    }`;
    const small = await execute(query, { first: 2 });
    const large = await execute(query, { first: 100 });
    expect(large.errors).toBeUndefined();
    expect(large.data.statements.edges).toHaveLength(100);
    expect(large.sql.length).toBe(small.sql.length);
  });
});
