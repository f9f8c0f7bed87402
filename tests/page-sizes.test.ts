// A connection asked for without `first` or `last` returns the documented default page (20), the
// limit of 100 stays, and the cost rule counts the default.
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../src/db/client.js';
import { queryCost } from '../src/plugins/cost.js';
import { schema } from '../src/schema/index.js';
import { defaultPageSize, maxPageSize } from '../src/schema/page-size.js';
import { data, failure } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const extra = 30;

beforeAll(async () => {
  await db().person.createMany({
    data: Array.from({ length: extra }, (_, i) => ({
      name: `Page Person ${i}`,
      normalizedName: `page person ${i}`,
    })),
  });
});

afterAll(async () => {
  await db().person.deleteMany({ where: { normalizedName: { startsWith: 'page person' } } });
});

describe('default page size', () => {
  it('returns the first 20 when neither first nor last is given, and says there is more', async () => {
    const { people } = await data(
      '{ people { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }',
    );
    expect(people.totalCount).toBeGreaterThan(defaultPageSize);
    expect(people.edges).toHaveLength(defaultPageSize);
    expect(people.pageInfo.hasNextPage).toBe(true);
    const next = await data(
      'query ($after: String) { people(after: $after) { edges { node { name } } } }',
      { after: people.pageInfo.endCursor },
    );
    expect(next.people.edges).toHaveLength(Math.min(defaultPageSize, people.totalCount - 20));
    const { people: last } = await data('{ people(last: 3) { edges { node { name } } } }');
    expect(last.edges.map((e: any) => e.node.name)).toEqual([
      'Page Person 27',
      'Page Person 28',
      'Page Person 29',
    ]);
  });

  it('defaults nested and linked connections too (an explorer-built query runs)', async () => {
    const { people } = await data(
      `{ people(filter: { name: "Trump" }) { edges { node { name
        statements { totalCount edges { node { text subjects { edges { node { stance } } } } } } } } } }`,
    );
    expect(people.edges[0].node.statements.edges).toHaveLength(4);
    const { search } = await data('{ search(query: "Trump") { edges { rank } } }');
    expect(search.edges.length).toBeGreaterThan(0);
  });

  it('keeps the limit of 100', async () => {
    expect((await failure(`{ people(first: ${maxPageSize + 1}) { totalCount } }`)).code).toBe(
      'CONNECTION_ARGUMENTS_INVALID',
    );
  });

  it('counts the default page in the cost rule', () => {
    const cost = (query: string) => queryCost(schema, parse(query), null, {});
    expect(cost('{ people { edges { node { name } } } }')).toBe(defaultPageSize);
    expect(cost('{ people { edges { node { statements { totalCount } } } } }')).toBe(
      defaultPageSize + defaultPageSize * defaultPageSize,
    );
    expect(
      cost('{ people(first: 5) { edges { node { statements(last: 2) { totalCount } } } } }'),
    ).toBe(5 + 5 * 2);
  });

  it('documents the default in the SDL', () => {
    const first = schema
      .getQueryType()
      ?.getFields()
      .people?.args.find((a) => a.name === 'first');
    expect(first?.description).toContain(`without first or last, the first ${defaultPageSize}`);
  });
});
