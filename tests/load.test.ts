// Bounded loopback load at concurrency 50 over mixed reads and writes: no 5xx, and every write
// that was acknowledged is in the database exactly once. LOAD_SECONDS sets the duration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server.js';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const concurrency = 50;

let server: RunningServer;
let databaseUrl: string;
let secret: string;
let remove: () => Promise<void>;

beforeAll(async () => {
  const database = await createEmptyDatabase();
  ({ url: databaseUrl, remove } = database);
  await migrate(databaseUrl);
  const admin = openDatabase(databaseUrl);
  secret = (await createApiKey(admin.prisma, 'load test', 'EDITOR')).secret;
  await admin.close();
  // Rate limiting would answer most of this load with 429s: the test is about correctness.
  server = await startServer({ DATABASE_URL: databaseUrl, RATE_LIMIT_POINTS: '0' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await remove?.();
});

const post = async (query: string, variables?: object) => {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
};

const reads = [
  '{ people(first: 20) { edges { node { name country { name } roles(first: 3) { edges { node { title } } } } } } }',
  '{ statements(first: 20) { edges { node { text speaker { ... on Person { name } } about { name } } } } }',
  '{ meetings(first: 10) { edges { node { placeName participants(first: 6) { edges { node { name } } } } } } }',
  '{ people(filter: { name: "load" }, first: 5) { totalCount } }',
];

const createPerson = `mutation ($name: String!) { createPerson(input: { name: $name }) {
  __typename ... on CreatePersonSuccess { person { id } } } }`;

describe(`${concurrency} concurrent clients for ${seconds} s (${testProvider})`, () => {
  it(
    'serve every request without a 5xx and lose or duplicate no write',
    async () => {
      const deadline = Date.now() + seconds * 1000;
      const statuses = new Map<number, number>();
      const acknowledged: string[] = [];
      let serverErrors = 0;
      const worker = async (id: number) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const write = i % 3 === 0;
          const name = `load ${id} ${i}`;
          const { status, body } = write
            ? await post(createPerson, { name })
            : await post(reads[i % reads.length] as string);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (body.errors?.some((e: any) => e.extensions?.code === 'INTERNAL_SERVER_ERROR'))
            serverErrors++;
          if (write && body.data?.createPerson?.__typename === 'CreatePersonSuccess')
            acknowledged.push(name);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));

      const total = [...statuses.values()].reduce((a, b) => a + b, 0);
      const fiveHundreds = [...statuses.entries()]
        .filter(([s]) => s >= 500)
        .reduce((a, [, n]) => a + n, 0);
      console.log(
        `${total} requests in ${seconds} s (${Math.round(total / seconds)}/s), statuses`,
        Object.fromEntries(statuses),
      );
      expect(fiveHundreds).toBe(0);
      expect(serverErrors).toBe(0);
      expect(acknowledged.length).toBeGreaterThan(0);

      const admin = openDatabase(databaseUrl);
      try {
        const stored = await admin.prisma.person.findMany({
          where: { name: { startsWith: 'load ' } },
          select: { name: true },
        });
        const names = stored.map((p) => p.name).sort();
        expect(new Set(names).size).toBe(names.length);
        expect(names).toEqual([...acknowledged].sort());
      } finally {
        await admin.close();
      }
    },
    (seconds + 60) * 1000,
  );

  it('ends concurrent conflicting creations of one country as one row, never a 500', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 20 }, () =>
        post(
          `mutation { createCountry(input: { name: "France", iso2: "FR", iso3: "FRA" }) {
            __typename } }`,
        ),
      ),
    );
    expect(attempts.every((a) => a.status < 500)).toBe(true);
    const kinds = attempts.map((a) => a.body.data?.createCountry?.__typename);
    expect(kinds.filter((k) => k === 'CreateCountrySuccess')).toHaveLength(1);
    const admin = openDatabase(databaseUrl);
    try {
      expect(await admin.prisma.country.count({ where: { iso2: 'FR' } })).toBe(1);
    } finally {
      await admin.close();
    }
  });
});
