// Stateless instances behind a load balancer: two servers on one PostgreSQL database, a write
// through one is read through the other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server.js';

describe.runIf(testProvider === 'postgresql')('two instances on one PostgreSQL database', () => {
  let first: RunningServer;
  let second: RunningServer;
  let secret: string;
  let remove: () => Promise<void>;

  beforeAll(async () => {
    const database = await createEmptyDatabase();
    remove = database.remove;
    await migrate(database.url);
    const admin = openDatabase(database.url);
    secret = (await createApiKey(admin.prisma, 'instances test', 'EDITOR')).secret;
    await admin.close();
    // Started together: the migration lock and the idempotent seed let both prepare one database.
    [first, second] = await Promise.all([
      startServer({ DATABASE_URL: database.url }),
      startServer({ DATABASE_URL: database.url }),
    ]);
  }, 90_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await remove?.();
  });

  const post = (server: RunningServer, query: string, variables?: object) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query, variables }),
    }).then((response) => response.json());

  it('serves different ports and the same knowledge', async () => {
    expect(first.url).not.toBe(second.url);
    const count = '{ sources(first: 1) { totalCount } people(first: 1) { totalCount } }';
    expect((await post(first, count)).data).toEqual((await post(second, count)).data);
    expect((await post(first, count)).data.sources.totalCount).toBe(1);
  });

  it('reads through one instance what was written through the other', async () => {
    const created = await post(
      first,
      `mutation ($name: String!) { createPerson(input: { name: $name }) {
        __typename ... on CreatePersonSuccess { person { id name } } } }`,
      { name: 'Written Through First' },
    );
    expect(created.data.createPerson.__typename).toBe('CreatePersonSuccess');
    const { id } = created.data.createPerson.person;
    const read = await post(
      second,
      'query ($id: ID!) { node(id: $id) { ... on Person { name } } }',
      { id },
    );
    expect(read.data.node).toEqual({ name: 'Written Through First' });
  });
});
