// Composable filters (AND/OR/NOT, any-of/all-of, stance, source, "as of") and orderings, on root
// and linked connections.
import { describe, expect, it } from 'vitest';
import { data, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const statements = async (filter: unknown, orderBy?: string) =>
  (
    await data(
      `query ($filter: StatementFilter, $orderBy: StatementOrder) {
        statements(filter: $filter, orderBy: $orderBy, first: 100) { totalCount edges { node { id text } } }
      }`,
      { filter, orderBy },
    )
  ).statements as { totalCount: number; edges: { node: { id: string; text: string } }[] };

const texts = (connection: { edges: { node: { text: string } }[] }) =>
  connection.edges.map((e) => e.node.text);

describe('statement filters', () => {
  it('combines conditions with OR, AND and NOT', async () => {
    const [trump, guo] = [await idOf('people', 'Trump'), await idOf('people', 'Guo Jiakun')];
    const all = await statements(null);
    expect((await statements({ OR: [{ speaker: trump }, { speaker: guo }] })).totalCount).toBe(7);
    expect((await statements({ NOT: { kind: 'REPORT' } })).totalCount).toBe(all.totalCount - 2);
    const trumpQuotes = await statements({ AND: [{ speaker: trump }, { kind: 'QUOTE' }] });
    expect(texts(trumpQuotes)).toEqual([expect.stringMatching(/angry/)]);
    const nested = await statements({
      OR: [{ speaker: guo }, { AND: [{ speaker: trump }, { NOT: { kind: 'PARAPHRASE' } }] }],
    });
    expect(nested.totalCount).toBe(4);
  });

  it('matches any-of and all-of subjects', async () => {
    const [putin, zelenskyy, russia] = [
      await idOf('people', 'Putin'),
      await idOf('people', 'Zelenskyy'),
      await idOf('countries', 'Russia'),
    ];
    const both = await statements({ subjectsAllOf: [putin, zelenskyy] });
    expect(both.totalCount).toBe(3);
    const either = await statements({ subjectsAnyOf: [putin, russia] });
    expect(either.totalCount).toBe(3 + 6);
    expect((await statements({ subjectsAllOf: [putin, russia] })).totalCount).toBe(0);
  });

  it('filters by the stance taken toward a subject', async () => {
    const [putin, russia] = [await idOf('people', 'Putin'), await idOf('countries', 'Russia')];
    const criticising = await statements({ stance: { toward: putin, is: ['CRITICIZES'] } });
    expect(criticising.totalCount).toBe(2);
    const supporting = await statements({ stance: { toward: russia, is: ['SUPPORTS'] } });
    expect(texts(supporting)).toHaveLength(3);
    expect(texts(supporting).some((t) => t.startsWith('Kim Jong Un reiterated'))).toBe(true);
  });

  it('restricts to what was reported or recorded by a date ("as of")', async () => {
    const all = await statements(null);
    expect((await statements({ reportedBy: '2025-03-30' })).totalCount).toBe(0);
    expect((await statements({ reportedBy: '2025-03-31' })).totalCount).toBe(all.totalCount);
    expect((await statements({ recordedBy: '2020-01-01T00:00:00Z' })).totalCount).toBe(0);
    expect((await statements({ recordedBy: '2999-01-01T00:00:00Z' })).totalCount).toBe(
      all.totalCount,
    );
  });

  it('filters by source', async () => {
    const { sources } = await data('{ sources(first: 1) { edges { node { id } } } }');
    const source = sources.edges[0].node.id;
    expect((await statements({ source })).totalCount).toBe((await statements(null)).totalCount);
  });

  it('rejects bad IDs and runaway nesting with typed errors naming the argument', async () => {
    const china = await idOf('countries', 'China');
    const error = await failure(
      'query ($f: StatementFilter) { statements(filter: $f, first: 1) { totalCount } }',
      { f: { OR: [{ kind: 'QUOTE' }, { speaker: china }] } },
    );
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/^filter\.OR\[1\]\.speaker: /);
    let deep: Record<string, unknown> = { kind: 'QUOTE' };
    for (let i = 0; i < 8; i++) deep = { NOT: deep };
    const nesting = await failure(
      'query ($f: StatementFilter) { statements(filter: $f, first: 1) { totalCount } }',
      { f: deep },
    );
    expect(nesting).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/deeper/),
    });
  });
});

describe('linked connections take the same filters', () => {
  it('answers "what did X say about Y" in both directions', async () => {
    const [trump, putin] = [await idOf('people', 'Trump'), await idOf('people', 'Putin')];
    const { fromTrump, aboutPutin } = await data(
      `query ($trump: ID!, $putin: ID!) {
        fromTrump: node(id: $trump) { ... on Person {
          statements(filter: { subject: $putin }, first: 10) { totalCount edges { node { text } } } } }
        aboutPutin: node(id: $putin) { ... on Person {
          statementsAbout(filter: { speaker: $trump }, first: 10) { totalCount edges { stance node { text } } } } }
      }`,
      { trump, putin },
    );
    expect(fromTrump.statements.totalCount).toBe(3);
    expect(aboutPutin.statementsAbout.totalCount).toBe(3);
    expect(new Set(texts(aboutPutin.statementsAbout))).toEqual(
      new Set(texts(fromTrump.statements)),
    );
    expect(aboutPutin.statementsAbout.edges.map((e: any) => e.stance).sort()).toEqual([
      'CRITICIZES',
      'CRITICIZES',
      null,
    ]);
  });

  it("filters a person's meetings and a country's meetings", async () => {
    const [trump, putin, russia] = [
      await idOf('people', 'Trump'),
      await idOf('people', 'Putin'),
      await idOf('countries', 'Russia'),
    ];
    const result = await data(
      `query ($trump: ID!, $putin: ID!, $russia: ID!) {
        trump: node(id: $trump) { ... on Person {
          meetings(filter: { participant: $putin }, first: 10) { totalCount edges { node { kind } } } } }
        russia: node(id: $russia) { ... on Country {
          meetings(filter: { status: HELD }, first: 10) { totalCount } } }
        both: meetings(filter: { participantsAllOf: [$trump, $putin] }, first: 10) { totalCount }
        either: meetings(filter: { participantsAnyOf: [$trump, $putin] }, first: 10) { totalCount }
      }`,
      { trump, putin, russia },
    );
    expect(result.trump.meetings).toEqual({
      totalCount: 1,
      edges: [{ node: { kind: 'DISCUSSION' } }],
    });
    expect(result.russia.meetings.totalCount).toBe(0);
    expect(result.both.totalCount).toBe(1);
    expect(result.either.totalCount).toBe(2);
  });
});

describe('ordering', () => {
  it('pages statements newest first, stable across pages', async () => {
    const all = await statements(null, 'DATE_DESC');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await data(
          `query ($after: String) { statements(orderBy: DATE_DESC, first: 2, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
          { after },
        )
      ).statements;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.edges.map((e) => e.node.id));
    expect(texts(all)[0]).toMatch(/^Trump/);
    expect(texts(all)[4]).toMatch(/^Kim Jong Un/);
    expect(texts(all)[5]).toMatch(/^North Korea/);
  });

  it('orders people by name', async () => {
    const { people } = await data(
      '{ people(orderBy: NAME, first: 100) { edges { node { name } } } }',
    );
    const names = people.edges.map((e: any) => e.node.name);
    expect(names[0]).toBe('Donald Trump');
    expect(names).toEqual(
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
  });
});
