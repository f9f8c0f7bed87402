// Access control over real HTTP: keys made with the CLI, the real server, the real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { runCli } from './helpers/cli.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server.js';

const createPerson = `mutation ($name: String!) { createPerson(input: { name: $name }) {
  __typename ... on Error { message } ... on CreatePersonSuccess { person { name } } } }`;

describe(`access control over HTTP (${testProvider})`, () => {
  let server: RunningServer;
  let url: string;
  let remove: () => Promise<void>;
  const secrets: Record<string, string> = {};

  const post = async (query: string, variables: object, authorization?: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data: any; errors?: unknown[] };
  };

  const people = async () => {
    const database = openDatabase(url);
    try {
      return await database.prisma.person.count();
    } finally {
      await database.close();
    }
  };

  beforeAll(async () => {
    ({ url, remove } = await createEmptyDatabase());
    await migrate(url);
    for (const [name, role] of [
      ['ed', 'editor'],
      ['ada', 'admin'],
      ['gone', 'editor'],
    ] as const) {
      const created = await runCli(['keys', 'create', '--role', role, '--name', name], url);
      expect(created.code).toBe(0);
      secrets[name] = created.stdout.trim();
    }
    const listed = await runCli(['keys', 'list'], url);
    const goneId = /^(\d+)\tEDITOR\tgone/m.exec(listed.stdout)?.[1];
    expect((await runCli(['keys', 'revoke', String(goneId)], url)).code).toBe(0);
    server = await startServer({ DATABASE_URL: url });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await remove?.();
  });

  it('stores only the hash of each key', async () => {
    const database = openDatabase(url);
    try {
      const stored = await database.prisma.apiKey.findMany();
      expect(stored).toHaveLength(3);
      for (const key of stored) expect(Object.values(secrets)).not.toContain(key.keyHash);
      expect(stored.every((key) => /^[0-9a-f]{64}$/.test(key.keyHash))).toBe(true);
    } finally {
      await database.close();
    }
  });

  it('reads without a key, by default', async () => {
    const body = await post('{ people(first: 1) { totalCount } }', {});
    expect(body.data.people.totalCount).toBeGreaterThan(0);
  });

  it('refuses writes without a key, with a malformed header, with a revoked key', async () => {
    const before = await people();
    for (const [authorization, reason] of [
      [undefined, 'writing needs an API key'],
      ['Basic abc', 'not "Bearer <key>"'],
      ['Bearer kb_not-a-key', 'not known'],
      [`Bearer ${secrets.gone}`, 'revoked'],
    ] as const) {
      const body = await post(createPerson, { name: 'Intruder' }, authorization);
      expect(body.data.createPerson.__typename).toBe('AuthorizationError');
      expect(body.data.createPerson.message).toContain(reason);
    }
    expect(await people()).toBe(before);
  });

  it('lets an editor write, recording the key holder as the author', async () => {
    const body = await post(createPerson, { name: 'Kaja Kallas' }, `Bearer ${secrets.ed}`);
    expect(body.data.createPerson).toEqual({
      __typename: 'CreatePersonSuccess',
      person: { name: 'Kaja Kallas' },
    });
    const changes = await post(
      '{ changes(last: 1) { edges { node { actor via action entityType } } } }',
      {},
      `Bearer ${secrets.ed}`,
    );
    expect(changes.data.changes.edges[0].node).toEqual({
      actor: 'ed',
      via: 'createPerson',
      action: 'CREATE',
      entityType: 'Person',
    });
  });
});
