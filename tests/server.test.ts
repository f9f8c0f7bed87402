import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { failedStart, type RunningServer, startServer } from './helpers/server.js';

const post = (url: string, query: string) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });

describe(`the server over real HTTP (${testProvider})`, () => {
  let server: RunningServer;
  let workDir: string;
  let removeDatabase: () => Promise<void>;
  let env: Record<string, string>;

  beforeAll(async () => {
    // SQLite: no DATABASE_URL at all, from an empty working directory, as on a fresh clone.
    workDir = mkdtempSync(join(tmpdir(), 'kb-server-'));
    env = { CWD: workDir, DATABASE_URL: '' };
    removeDatabase = async () => {};
    if (testProvider === 'postgresql') {
      const database = await createEmptyDatabase();
      env.DATABASE_URL = database.url;
      removeDatabase = database.remove;
    }
    server = await startServer(env);
  }, 60_000);

  afterAll(async () => {
    if (server.process.exitCode === null) await server.stop();
    await removeDatabase();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('creates, migrates and seeds an empty database at start-up', async () => {
    if (testProvider === 'sqlite')
      expect(existsSync(join(workDir, 'data', 'knowledge.db'))).toBe(true);
    expect(server.output()).toMatch(/loaded the seed knowledge/);
    const response = await post(
      server.url,
      '{ people(first: 1) { totalCount } sources(first: 1) { totalCount } }',
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.data.people.totalCount).toBeGreaterThan(0);
    expect(body.data.sources.totalCount).toBe(1);
  });

  it('answers a linked query over HTTP', async () => {
    const response = await post(
      server.url,
      `{ people(filter: { name: "Wang Yi" }, first: 1) {
          edges { node { name meetings(first: 5) { edges { node { placeName participants(first: 5) { edges { node { name } } } } } } } }
        } }`,
    );
    const body = await response.json();
    const wang = body.data.people.edges[0].node;
    expect(wang.name).toBe('Wang Yi');
    const moscow = wang.meetings.edges.find((e: any) => e.node.placeName === 'Moscow').node;
    expect(moscow.participants.edges.map((e: any) => e.node.name)).toContain('Sergei Lavrov');
  });

  it('serves GraphiQL with the "who said what about whom" default query', async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('WhoSaidWhatAboutWhom');
  });

  it('reports health and readiness for load balancers', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });

  it('hides internal errors and types expected ones', async () => {
    const response = await post(server.url, '{ node(id: "not-an-id") { id } }');
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/Invalid global ID/);
  });

  it('does not reseed an existing database when restarted, and stops cleanly on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    server = await startServer(env);
    expect(server.output()).not.toMatch(/loaded the seed knowledge/);
    const body = await (await post(server.url, '{ sources(first: 1) { totalCount } }')).json();
    expect(body.data.sources.totalCount).toBe(1);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

describe('start-up failures are clear messages, not stack traces', () => {
  it('names a malformed DATABASE_URL', async () => {
    const { code, output } = await failedStart({ DATABASE_URL: 'mysql://localhost/kb' });
    expect(code).toBe(2);
    expect(output).toMatch(/DATABASE_URL: DATABASE_URL must start with file:/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names an unreachable PostgreSQL server', async () => {
    const { code, output } = await failedStart({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/kb',
    });
    expect(code).toBe(3);
    expect(output).toMatch(
      /cannot prepare the database at postgresql:\/\/postgres@127\.0\.0\.1:1\/kb: connection refused/,
    );
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names an invalid PORT', async () => {
    const { code, output } = await failedStart({ PORT: 'eighty' });
    expect(code).toBe(2);
    expect(output).toMatch(/PORT: /);
  });
});
