import { encodeGlobalID } from '@pothos/plugin-relay';
import { describe, expect, it } from 'vitest';
import { data, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

type Page = {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
};

const pageQuery = (
  root: string,
) => `query ($first: Int, $after: String, $last: Int, $before: String) {
  ${root}(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

async function page(root: string, args: Record<string, unknown>): Promise<Page> {
  return (await data(pageQuery(root), args))[root];
}

describe('cursor pagination', () => {
  it.each(['people', 'statements', 'meetings', 'countries'])(
    '%s: pages of two, forwards and backwards, add up to the whole connection in the same order',
    async (root) => {
      const all = await page(root, { first: 100 });
      expect(all.edges.length).toBe(all.totalCount);
      expect(all.pageInfo.hasNextPage).toBe(false);

      const forwards: string[] = [];
      let after: string | null = null;
      for (;;) {
        const current: Page = await page(root, { first: 2, after });
        forwards.push(...current.edges.map((e) => e.node.id));
        expect(current.totalCount).toBe(all.totalCount);
        if (!current.pageInfo.hasNextPage) break;
        after = current.pageInfo.endCursor;
      }
      expect(forwards).toEqual(all.edges.map((e) => e.node.id));

      const backwards: string[] = [];
      let before: string | null = null;
      for (;;) {
        const current: Page = await page(root, { last: 2, before });
        backwards.unshift(...current.edges.map((e) => e.node.id));
        if (!current.pageInfo.hasPreviousPage) break;
        before = current.pageInfo.startCursor;
      }
      expect(backwards).toEqual(forwards);
    },
  );

  it('handles the edges: past the end, and a cursor from the last row', async () => {
    const all = await page('people', { first: 100 });
    const last = all.edges.at(-1)?.cursor;
    const beyond = await page('people', { first: 5, after: last });
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
  });

  it('pages linked connections too', async () => {
    const id = await idOf('people', 'Donald Trump');
    const query = `query ($id: ID!, $after: String) { node(id: $id) { ... on Person {
      statements(first: 1, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { statements }: { statements: any } = (await data(query, { id, after })).node;
      seen.push(...statements.edges.map((e: any) => e.node.id));
      if (!statements.pageInfo.hasNextPage) {
        expect(seen.length).toBe(statements.totalCount);
        break;
      }
      after = statements.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('rejects bad arguments with typed errors', async () => {
    expect((await failure('{ people(first: 1, after: "not a cursor") { totalCount } }')).code).toBe(
      'BAD_USER_INPUT',
    );
    for (const args of ['first: -1', 'first: 0', 'first: 101', 'last: 1000', 'first: 1, last: 1']) {
      const error = await failure(`{ people(${args}) { totalCount } }`);
      expect(error.code).toBe('CONNECTION_ARGUMENTS_INVALID');
      expect(error.message).toMatch(/^people: /);
    }
  });
});

describe('global IDs', () => {
  it('round-trip through node and nodes for every type', async () => {
    const { people, countries, organizations, statements, meetings, sources } = await data(`{
      people(first: 1) { edges { node { id } } }
      countries(first: 1) { edges { node { id } } }
      organizations(first: 1) { edges { node { id } } }
      statements(first: 1) { edges { node { id } } }
      meetings(first: 1) { edges { node { id } } }
      sources(first: 1) { edges { node { id } } }
    }`);
    const ids = [people, countries, organizations, statements, meetings, sources].map(
      (c) => c.edges[0].node.id as string,
    );
    const { nodes } = await data('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', {
      ids,
    });
    expect(nodes.map((n: any) => n.id)).toEqual(ids);
    expect(nodes.map((n: any) => n.__typename)).toEqual([
      'Person',
      'Country',
      'Organization',
      'Statement',
      'Meeting',
      'Source',
    ]);
    for (const id of ids) expect(id).not.toMatch(/^\d+$/);
  });

  it('resolve an unknown ID of a known type to null', async () => {
    const { node } = await data('query ($id: ID!) { node(id: $id) { id } }', {
      id: encodeGlobalID('Person', 999_999),
    });
    expect(node).toBeNull();
  });

  it('reject malformed IDs and unknown types with BAD_USER_INPUT', async () => {
    for (const id of ['not-an-id', encodeGlobalID('Nope', 1), '']) {
      const error = await failure('query ($id: ID!) { node(id: $id) { id } }', { id });
      expect(error.code).toBe('BAD_USER_INPUT');
    }
  });
});
