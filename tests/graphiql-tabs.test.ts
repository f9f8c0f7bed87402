import { describe, expect, it } from 'vitest';
import { defaultTabs } from '../src/graphiql/default-query.js';
import { execute } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

describe("GraphiQL's default tabs", () => {
  it.each(defaultTabs.map((tab, index) => [index, tab.query] as const))(
    'tab %i runs without errors on the seed knowledge',
    async (_index, query) => {
      const result = await execute(query);
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data)).not.toMatch(/"totalCount":0|"edges":\[\]/);
    },
  );
});
