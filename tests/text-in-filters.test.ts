// `text` in the statement and meeting filters: the syntax of `search`, combined with AND / OR /
// NOT and every other condition, with an order by relevance; on FTS5 and on tsvector alike.
import { describe, expect, it } from 'vitest';
import { data, execute, failure } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const statements = async (filter: unknown, orderBy?: string) =>
  (
    await data(
      `query ($filter: StatementFilter, $orderBy: StatementOrder) {
        statements(filter: $filter, orderBy: $orderBy, first: 50) {
          totalCount edges { node { text speaker { ... on Person { name } ... on Organization { name } } } } }
      }`,
      { filter, orderBy },
    )
  ).statements as {
    totalCount: number;
    edges: { node: { text: string; speaker: { name: string } } }[];
  };

const texts = (connection: { edges: { node: { text: string } }[] }) =>
  connection.edges.map((e) => e.node.text);

describe('text in the statement filter', () => {
  it('matches the words of the statement, its stemmed forms and prefixes', async () => {
    const dialogue = await statements({ text: 'dialogue' });
    expect(texts(dialogue)).toEqual([expect.stringMatching(/dialogue and negotiation/)]);
    const negotiations = await statements({ text: 'negotiations' });
    expect(negotiations.totalCount).toBe(2);
    expect((await statements({ text: 'Zelensk*' })).totalCount).toBe(4);
    expect((await statements({ text: '"sole viable"' })).totalCount).toBe(1);
    expect((await statements({ text: '"viable sole"' })).totalCount).toBe(0);
  });

  it('combines with AND / OR / NOT and the other conditions', async () => {
    const trumpOnly = await statements({
      text: 'negotiations',
      speaker: { name: 'Trump' },
    });
    expect(trumpOnly.edges.map((e) => e.node.speaker.name)).toEqual(['Donald Trump']);
    const notTrump = await statements({
      AND: [{ text: 'negotiations' }, { NOT: { speaker: { name: 'Trump' } } }],
    });
    expect(notTrump.edges.map((e) => e.node.speaker.name)).toEqual(['Guo Jiakun']);
    const either = await statements({ OR: [{ text: 'dialogue' }, { text: 'angry' }] });
    expect(either.totalCount).toBe(2);
    const all = (await statements(null)).totalCount;
    expect((await statements({ NOT: { text: 'dialogue' } })).totalCount).toBe(all - 1);
  });

  it('orders by relevance on request, pages stably, and needs the text for it', async () => {
    const ranked = await statements({ text: 'Putin Zelenskyy' }, 'RELEVANCE');
    expect(ranked.totalCount).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await data(
          `query ($after: String) { statements(filter: { text: "Putin Zelenskyy" }, orderBy: RELEVANCE, first: 1, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { text } } } }`,
          { after },
        )
      ).statements;
      seen.push(...page.edges.map((e: any) => e.node.text));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after && seen.length < 20);
    expect(seen).toEqual(texts(ranked));
    expect(
      await failure('{ statements(orderBy: RELEVANCE) { edges { node { id } } } }'),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'orderBy: RELEVANCE needs filter.text',
    });
  });

  it('refuses a text without a word, naming the field', async () => {
    expect(
      await failure('{ statements(filter: { OR: [{ text: "  ?! " }] }) { totalCount } }'),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'filter.OR[0].text: must contain a word to search for',
    });
  });

  it('answers "statements mentioning dialogue by Chinese officials in March 2025" in one request', async () => {
    const march = { from: '2025-03-01', to: '2025-03-31' };
    // Guo Jiakun's remarks are undated; the article reporting them is of 31 March.
    const result = await statements({
      text: 'dialogue',
      speakerCountry: { name: 'China' },
      OR: [{ date: march }, { reportedIn: march }],
    });
    expect(result.edges.map((e) => e.node.speaker.name)).toEqual(['Guo Jiakun']);
    expect(
      (await statements({ text: 'dialogue', reportedIn: { to: '2025-03-30' } })).totalCount,
    ).toBe(0);
  });
});

describe('text in the meeting filter', () => {
  it('matches topics, places and excerpts, combined with other conditions', async () => {
    const { meetings } = await data(
      `{ moscow: meetings(filter: { text: "Moscow" }) { totalCount edges { node { placeName } } }
         none: meetings(filter: { text: "Moscow", participant: { name: "Kim Jong Un" } }) { totalCount } }`,
    ).then((d) => ({ meetings: d }));
    expect(meetings.moscow.totalCount).toBeGreaterThanOrEqual(1);
    expect(meetings.none.totalCount).toBe(0);
  });

  it('searches the index once per text however often it is used', async () => {
    const result = await execute(
      `{ a: statements(filter: { text: "dialogue" }) { totalCount }
         b: statements(filter: { NOT: { text: "dialogue" } }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.sql.filter((q) => /search_fts|search_document/.test(q))).toHaveLength(1);
  });
});
