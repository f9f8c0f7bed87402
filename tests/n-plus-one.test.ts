// Nested queries must be answered by a bounded number of SQL statements, whatever the page size.
import { describe, expect, it } from 'vitest';
import { execute } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const threeLevels = `query ($first: Int!) {
  statements(first: $first) {
    totalCount
    edges { node {
      text
      speaker { ... on Person { name country { name } } ... on Organization { name country { name } } }
      about { name ... on Person { country { isoCode } } }
      attestations(first: 2) { edges { node { excerpt source { title } } } }
    } }
  }
}`;

const peopleGraph = `query ($first: Int!) {
  people(first: $first) {
    edges { node {
      name
      roles(first: 3) { edges { node { title country { name } } } }
      statements(first: 5) { totalCount edges { node { text about { name } } } }
      meetings(first: 5) { edges { node { placeName participants(first: 6) { edges { node { name country { name } } } } } } }
      statementsAbout(first: 5) { totalCount edges { stance node { speaker { ... on Person { name } } } } }
    } }
  }
}`;

async function sqlCount(query: string, first: number) {
  const result = await execute(query, { first });
  expect(result.errors).toBeUndefined();
  return result.sql.length;
}

describe('SQL statements per request', () => {
  it('stay bounded for a three-level nested statements query, independent of page size', async () => {
    const small = await sqlCount(threeLevels, 1);
    const large = await sqlCount(threeLevels, 50);
    expect(large).toBe(small);
    // One SELECT per relation level (Prisma batches each level), plus the count.
    expect(large).toBeLessThanOrEqual(14);
  });

  it('stay bounded for people with roles, statements, meetings and participants', async () => {
    const small = await sqlCount(peopleGraph, 1);
    const large = await sqlCount(peopleGraph, 50);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(25);
  });

  it('count a connection only when totalCount is asked for, once for a whole page', async () => {
    const query = (fields: string) => `query ($first: Int!) {
      people(first: $first) { edges { node {
        statementsAbout(first: 2) { ${fields} }
        meetings(first: 2) { ${fields} }
      } } }
    }`;
    const counts = async (fields: string, first: number) => {
      const result = await execute(query(fields), { first });
      expect(result.errors).toBeUndefined();
      return result.sql.filter((sql) => /count\(/i.test(sql)).length;
    };
    expect(await counts('edges { cursor }', 20)).toBe(0);
    // One grouped count per connection field, however many people are on the page.
    expect(await counts('totalCount', 1)).toBe(2);
    expect(await counts('totalCount edges { cursor }', 20)).toBe(2);
  });
});
