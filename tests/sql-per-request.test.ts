// The benchmark's regression guard (not a timed test): every query shape of bench/shapes.ts, run
// on a small generated dataset, sends at most its recorded number of SQL statements, and the same
// number when its pages are larger. Bounds live in bench/sql-bounds.json, per database.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, loadDataset } from '../bench/generate.js';
import { pickParams } from '../bench/params.js';
import { type ShapeParams, shapes } from '../bench/shapes.js';
import { connect, type Database } from '../src/db/client.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { data, execute } from './helpers/execute.js';

const bounds = JSON.parse(
  readFileSync(new URL('../bench/sql-bounds.json', import.meta.url), 'utf8'),
) as Record<string, Record<string, number>>;

const deepRows = 500;
let params: ShapeParams;
let database: Database;
let remove: () => Promise<void>;

beforeAll(async () => {
  let url: string;
  ({ url, remove } = await createEmptyDatabase());
  await loadDataset(url, generateDataset(0.01, 1));
  const picked = await pickParams(url, { deepRows });
  database = connect(url, { poolSize: 4 });
  let after: string | null = null;
  for (let page = 0; page < deepRows / 100; page++) {
    const { statements }: { statements: { pageInfo: { endCursor: string } } } = await data(
      'query ($after: String) { statements(first: 100, after: $after) { pageInfo { endCursor } } }',
      { after },
    );
    after = statements.pageInfo.endCursor;
  }
  params = { ...picked, deepCursor: { ours: after as string, postgraphile: '' } };
}, 120_000);

afterAll(async () => {
  await database?.close();
  await remove?.();
});

/** The shape's query with every page twice as large (at most 100). */
const largerPages = (query: string) =>
  query.replace(/first: (\d+)/g, (_, n) => `first: ${Math.min(2 * Number(n), 100)}`);

/** How many rows of any list the response holds: a shape that finds nothing proves nothing. */
function rows(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((n, item) => n + rows(item), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((n, v) => n + rows(v), 0);
  return 0;
}

describe('SQL statements per request, per benchmark shape', () => {
  for (const shape of shapes) {
    it(`${shape.name}: within its recorded bound, whatever the page size`, async () => {
      const bound = bounds[shape.name]?.[testProvider];
      expect(bound, `bench/sql-bounds.json has no ${testProvider} bound for it`).toBeDefined();
      const variables = shape.ours.variables(params);
      const small = await execute(shape.ours.query, variables);
      expect(small.errors).toBeUndefined();
      expect(rows(small.data)).toBeGreaterThan(shape.name === 'person' ? 0 : 10);
      expect(small.sql.length).toBeLessThanOrEqual(bound as number);
      const large = await execute(largerPages(shape.ours.query), variables);
      expect(large.errors).toBeUndefined();
      expect(large.sql.length).toBeLessThanOrEqual(bound as number);
      // Search loads its results with one statement per kind found (at most six kinds), so a
      // larger page may find one more kind; every other shape sends the same statements.
      if (shape.name !== 'search') expect(large.sql.length).toBe(small.sql.length);
    });
  }
});
