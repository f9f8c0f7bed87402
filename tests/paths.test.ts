import { describe, expect, it } from 'vitest';
import { data, execute, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const pathQuery = `query ($from: ID!, $to: ID!, $maxDepth: Int) {
  path(from: { id: $from }, to: { id: $to }, maxDepth: $maxDepth) {
    length
    steps {
      from { __typename name }
      to { __typename name }
      via { __typename ... on Meeting { placeName } ... on Statement { text } }
    }
  }
}`;

describe('paths between entities', () => {
  it('links people who met in one step', async () => {
    const { path } = await data(pathQuery, {
      from: await idOf('people', 'Wang Yi'),
      to: await idOf('people', 'Lavrov'),
    });
    expect(path).toEqual({
      length: 1,
      steps: [
        {
          from: { __typename: 'Person', name: 'Wang Yi' },
          to: { __typename: 'Person', name: 'Sergei Lavrov' },
          via: { __typename: 'Meeting', placeName: 'Moscow' },
        },
      ],
    });
  });

  it('finds how Kim Jong Un is connected to Wang Yi through what was said about Russia', async () => {
    const { path } = await data(pathQuery, {
      from: await idOf('people', 'Kim Jong Un'),
      to: await idOf('people', 'Wang Yi'),
    });
    expect(path.length).toBe(3);
    const names = [path.steps[0].from.name, ...path.steps.map((s: any) => s.to.name)];
    expect(names).toEqual([
      'Kim Jong Un',
      'Russia',
      "Ministry of Foreign Affairs of the People's Republic of China",
      'Wang Yi',
    ]);
    expect(path.steps.map((s: any) => s.via.__typename)).toEqual([
      'Statement',
      'Statement',
      'Statement',
    ]);
    for (const [i, step] of path.steps.entries()) {
      if (i > 0) expect(step.from).toEqual(path.steps[i - 1].to);
    }
  });

  it('returns null when no chain is short enough, and refuses depths past the bound', async () => {
    const [kim, wang] = [await idOf('people', 'Kim Jong Un'), await idOf('people', 'Wang Yi')];
    expect((await data(pathQuery, { from: kim, to: wang, maxDepth: 2 })).path).toBeNull();
    expect(await failure(pathQuery, { from: kim, to: wang, maxDepth: 7 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringMatching(/^maxDepth: must be between 1 and 6/),
    });
  });

  it('sends a bounded number of SQL statements per level searched, plus the path itself', async () => {
    const [kim, wang] = [await idOf('people', 'Kim Jong Un'), await idOf('people', 'Wang Yi')];
    const result = await execute(pathQuery, { from: kim, to: wang, maxDepth: 6 });
    expect(result.errors).toBeUndefined();
    // Three batched lookups a level (seven statements with their relations), three levels here,
    // then the entities and links of the three steps.
    expect(result.sql.length).toBeLessThanOrEqual(7 * 3 + 10);
  });
});
