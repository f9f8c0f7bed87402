import { describe, expect, it } from 'vitest';
import { db } from '../src/db/client.js';
import { normalizeName } from '../src/shared/normalize-name.js';
import { data, execute, failure } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const searchQuery = `query ($query: String!, $types: [SearchType!], $first: Int, $after: String) {
  search(query: $query, types: $types, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor rank snippet node {
      __typename
      ... on Person { name }
      ... on Country { name }
      ... on Organization { name }
      ... on Statement { text }
      ... on Meeting { topic }
      ... on Source { title }
    } }
  }
}`;

type Edge = { cursor: string; rank: number; snippet: string; node: Record<string, string> };

async function search(query: string, types?: string[], first = 20, after?: string) {
  const result = await data(searchQuery, { query, types, first, after });
  return result.search as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Edge[];
  };
}

const label = (edge: Edge) =>
  edge.node.name ?? edge.node.text ?? edge.node.topic ?? edge.node.title ?? '';

describe('search', () => {
  it.each([
    ['Zelensky', 'Volodymyr Zelenskyy'],
    ['zelenskyy', 'Volodymyr Zelenskyy'],
    ['Zelenský', 'Volodymyr Zelenskyy'],
    ['Lavrov', 'Sergei Lavrov'],
    ['Sergey Lavrov', 'Sergei Lavrov'],
  ])('finds the person "%s" names (alias, case and accents ignored)', async (query, name) => {
    const { edges } = await search(query, ['PERSON']);
    expect(edges.map(label)).toEqual([name]);
    expect(edges[0]?.node.__typename).toBe('Person');
  });

  it('matches prefixes only when asked with *', async () => {
    expect((await search('Zelen*', ['PERSON'])).edges.map(label)).toEqual(['Volodymyr Zelenskyy']);
    expect((await search('Zelen', ['PERSON'])).edges).toEqual([]);
  });

  it('finds other forms of a word: "negotiations" finds "negotiation"', async () => {
    const texts = (await search('negotiations', ['STATEMENT'])).edges.map(label);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Trump asserted that progress is being made in the negotiations between Russia and Ukraine.',
        'Guo Jiakun said China believes dialogue and negotiation are the sole viable solutions to the crisis.',
      ]),
    );
    expect(texts).toHaveLength(2);
  });

  it('matches phrases in order, and ANDs words', async () => {
    const inOrder = await search('"limited ceasefire"', ['MEETING']);
    expect(inOrder.edges.map(label)).toEqual([
      'A limited ceasefire between Russia and Ukraine',
      'A limited ceasefire between Russia and Ukraine',
    ]);
    expect((await search('"ceasefire limited"', ['MEETING'])).edges).toEqual([]);
    expect((await search('ceasefire limited', ['MEETING'])).totalCount).toBe(2);
    expect((await search('ceasefire Pyongyang', ['MEETING'])).totalCount).toBe(0);
  });

  it('returns typed results of every kind, ranked, with highlighted snippets', async () => {
    const { edges, totalCount } = await search('Russia');
    const types = new Set(edges.map((e) => e.node.__typename));
    expect(types).toEqual(
      new Set(['Person', 'Country', 'Organization', 'Statement', 'Meeting', 'Source']),
    );
    expect(totalCount).toBeGreaterThan(edges.length - 1);
    const ranks = edges.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const edge of edges) expect(edge.snippet).toMatch(/<b>russia/i);
    expect(edges.find((e) => e.node.__typename === 'Country')).toMatchObject({
      node: { name: 'Russia' },
    });
  });

  it('restricts results to the requested types', async () => {
    const { edges } = await search('Russia', ['COUNTRY', 'SOURCE']);
    expect(new Set(edges.map((e) => e.node.__typename))).toEqual(new Set(['Country', 'Source']));
  });

  it('pages through the same order it ranks in', async () => {
    const all = await search('Russia', undefined, 100);
    const pages: Edge[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search('Russia', undefined, 3, after);
      pages.push(...page.edges);
      expect(page.totalCount).toBe(all.totalCount);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(pages.map(label)).toEqual(all.edges.map(label));
    expect(pages).toHaveLength(all.totalCount);
  });

  it.each([
    '"Putin',
    'Putin"',
    'Putin AND',
    'OR Putin NOT',
    'Putin*)',
    '(Putin',
    'NEAR(Putin Trump)',
    '-Putin +Trump',
    "Putin's",
    'Putin:* & !',
    '^Putin',
  ])('treats operators and stray quotes in %j as text, never as a server error', async (query) => {
    const result = await execute(searchQuery, { query, first: 20 });
    expect(result.errors).toBeUndefined();
    expect(result.data.search.totalCount).toBeGreaterThan(0);
  });

  it.each(['the', 'a*', 'of the', '"to the"', '2025', 'ü', '日本'])(
    'answers %j (stop words, numbers, other scripts) without an error',
    async (query) => {
      const result = await execute(searchQuery, { query, first: 20 });
      expect(result.errors).toBeUndefined();
      const { totalCount, edges, pageInfo } = result.data.search;
      // Whatever the tokenizer makes of it, the count and the page must agree.
      expect(edges).toHaveLength(Math.min(totalCount, 20));
      expect(pageInfo.hasNextPage).toBe(totalCount > 20);
    },
  );

  it.each(['', '"', '*', '&|!', 'AND OR'])('rejects %j, which has no word', async (query) => {
    expect(await failure(searchQuery, { query, first: 20 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'query: must contain a word to search for',
    });
  });

  it('rejects a cursor it did not make', async () => {
    expect(
      await failure(searchQuery, { query: 'Russia', first: 20, after: 'nonsense' }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('follows inserts, updates and deletes made by any write path', async () => {
    const names = async (query: string) => (await search(query, ['PERSON'])).edges.map(label);
    const person = await db().person.create({
      data: { name: 'Kaja Kallas', normalizedName: normalizeName('Kaja Kallas') },
    });
    expect(await names('Kallas')).toEqual(['Kaja Kallas']);
    await db().alias.create({
      data: { personId: person.id, name: 'Kallasová', normalizedName: normalizeName('Kallasová') },
    });
    expect(await names('kallasova')).toEqual(['Kaja Kallas']);
    await db().person.update({
      where: { id: person.id },
      data: { name: 'Kaja Kallasz', normalizedName: normalizeName('Kaja Kallasz') },
    });
    expect(await names('Kallasz')).toEqual(['Kaja Kallasz']);
    expect(await names('kallasova')).toEqual(['Kaja Kallasz']);
    await db().alias.deleteMany({ where: { personId: person.id } });
    expect(await names('kallasova')).toEqual([]);
    await db().person.delete({ where: { id: person.id } });
    expect(await names('Kallasz')).toEqual([]);
  });

  it('indexes the excerpts that attest a statement, and forgets them with the attestation', async () => {
    const statement = await db().statement.findFirstOrThrow({
      where: { text: { startsWith: 'North Korea had likely' } },
      include: { attestations: true },
    });
    const attestation = statement.attestations[0];
    if (!attestation) throw new Error('the seed statement has no attestation');
    expect((await search('Ukrainian troops', ['STATEMENT'])).edges.map(label)).toEqual([
      statement.text,
    ]);
    await db().attestation.delete({ where: { id: attestation.id } });
    expect((await search('Ukrainian troops', ['STATEMENT'])).edges).toEqual([]);
    await db().attestation.create({ data: { ...attestation, id: undefined } });
    expect((await search('Ukrainian troops', ['STATEMENT'])).totalCount).toBe(1);
  });

  it('loads results with a bounded number of SQL statements, whatever the page size', async () => {
    const nested = `query ($first: Int!) { search(query: "Russia", first: $first) { edges { node {
      ... on Person { name country { name } }
      ... on Country { name people(first: 3) { edges { node { name } } } }
      ... on Statement { text speaker { ... on Person { name } } about { name } }
      ... on Meeting { participants(first: 3) { edges { node { name } } } }
      ... on Source { title attestations(first: 2) { totalCount } }
    } } } }`;
    const small = await execute(nested, { first: 1 });
    const large = await execute(nested, { first: 50 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data.search.edges.length).toBeGreaterThan(10);
    // Two for the search itself, then one statement per kind and relation level.
    expect(large.sql.length).toBeLessThanOrEqual(20);
  });

  it('escapes stored text in snippets, so they are safe to render as HTML', async () => {
    const name = 'Zelda <script>alert("x")</script> & more';
    await db().person.create({ data: { name, normalizedName: normalizeName(name) } });
    const [edge] = (await search('Zelda', ['PERSON'])).edges;
    const snippet = edge?.snippet ?? '';
    expect(snippet).toMatch(/<b>Zelda<\/b>/);
    // PostgreSQL's ts_headline drops tag-like words itself; whatever is left is escaped.
    expect(snippet).toContain('alert(&quot;x&quot;)');
    expect(snippet).toContain('&amp; more');
    expect(snippet.replaceAll('<b>', '').replaceAll('</b>', '')).not.toMatch(/[<>]/);
  });
});
