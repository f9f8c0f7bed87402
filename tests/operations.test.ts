// What operators see and control, over real HTTP: request IDs, JSON logs, metrics, masking,
// CORS, introspection and GraphiQL switches, rate limits, trusted documents, shutdown.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import { createEmptyDatabase, testProvider } from './helpers/database.js';
import { type RunningServer, startServer } from './helpers/server.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function serve(env: Record<string, string>) {
  const database = await createEmptyDatabase();
  cleanups.push(database.remove);
  const server = await startServer({ DATABASE_URL: database.url, ...env });
  cleanups.push(async () => {
    if (server.process.exitCode === null) await server.stop();
  });
  return { server, url: database.url };
}

const graphql = (server: RunningServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const logLines = (server: RunningServer) =>
  server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);

async function runSql(url: string, sql: string) {
  if (testProvider === 'sqlite') {
    const db = new Database(sqliteFilePath(url));
    db.exec(sql);
    db.close();
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql);
    await client.end();
  }
}

describe('a server in development mode with default limits', () => {
  let server: RunningServer;
  let databaseUrl: string;
  beforeAll(async () => {
    ({ server, url: databaseUrl } = await serve({ NODE_ENV: 'development' }));
  }, 60_000);

  it('gives every response a request ID, keeping a sane one from the client', async () => {
    const fresh = await graphql(server, { query: '{ __typename }' });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await graphql(server, { query: '{ __typename }' }, { 'x-request-id': 'trace-42' });
    expect(kept.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await graphql(
      server,
      { query: '{ __typename }' },
      { 'x-request-id': 'bad id\u00e9' },
    );
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id\u00e9');
  });

  it('logs one JSON line per request with operation, duration, cost and SQL count', async () => {
    await graphql(
      server,
      {
        query:
          'query PeopleAndCountries { people(first: 3) { edges { node { name country { name } } } } }',
      },
      { 'x-request-id': 'log-check-1' },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const line = logLines(server).find((entry) => entry.requestId === 'log-check-1');
    expect(line).toMatchObject({
      operationName: 'PeopleAndCountries',
      path: '/graphql',
      status: 200,
      cost: 3,
    });
    expect(line?.durationMs).toBeGreaterThan(0);
    // People with their countries: one statement on PostgreSQL (relation joins), two on SQLite.
    expect(line?.sqlStatements).toBe(testProvider === 'postgresql' ? 1 : 2);
  });

  it('exposes Prometheus metrics', async () => {
    await graphql(server, { query: 'query Metered { countries(first: 1) { totalCount } }' });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(
      /graphql_request_duration_seconds_bucket\{le="[\d.]+",operation="Metered"\}/,
    );
    expect(text).toMatch(/http_requests_total\{method="POST",path="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(/process_resident_memory_bytes/);
    expect(Number(text.match(/^db_statements_total (\d+)$/m)?.[1])).toBeGreaterThan(0);
    if (testProvider === 'postgresql') expect(text).toMatch(/db_pool_connections\{state="total"\}/);
  });

  it('labels metrics with a bounded set of short operation names; the rest are "other"', async () => {
    const names = Array.from({ length: 120 }, (_, i) => `Named${i}`);
    for (const name of names) {
      await graphql(server, { query: `query ${name} { __typename }` });
    }
    const long = `L${'x'.repeat(500_000)}`;
    await graphql(server, { query: `query ${long} { __typename }` });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const labels = new Set(
      [...text.matchAll(/graphql_request_duration_seconds_count\{operation="([^"]*)"\}/g)].map(
        (match) => match[1],
      ),
    );
    expect(labels.size).toBeLessThanOrEqual(100 + 2);
    expect(labels).toContain('other');
    expect(labels).toContain('Named0');
    expect(labels).not.toContain('Named119');
    expect(text.length).toBeLessThan(300_000);
    expect(text).not.toContain('xxxxxxxxxx');
  });

  it('still suggests field names while introspection is on', async () => {
    const body = await (
      await graphql(server, { query: '{ peopl(first: 1) { totalCount } }' })
    ).json();
    expect(body.errors[0].message).toMatch(/Did you mean "people"/);
  });

  it('codes a variable of the wrong type BAD_USER_INPUT', async () => {
    const body = await (
      await graphql(server, {
        query: 'query ($n: Int!) { people(first: $n) { totalCount } }',
        variables: { n: 'many' },
      })
    ).json();
    expect(body.errors[0].message).toMatch(/^Variable "\$n" got invalid value/);
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('masks internal errors even in development, and logs them with the same request ID', async () => {
    // A statement without a speaker breaks an invariant the import enforces: an internal error.
    await runSql(
      databaseUrl,
      `INSERT INTO "Statement" ("text", "kind", "confidence", "verification", "updatedAt")
       VALUES ('orphan', 'QUOTE', 1, 'VERIFIED', CURRENT_TIMESTAMP)`,
    );
    const response = await graphql(
      server,
      { query: '{ statements(first: 100) { edges { node { text speaker { __typename } } } } }' },
      { 'x-request-id': 'masked-1' },
    );
    const body = await response.json();
    const error = body.errors[0];
    expect(error.message).toBe('Unexpected error.');
    expect(error.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      requestId: 'masked-1',
    });
    expect(Object.keys(error.extensions)).not.toContain('originalError');
    expect(JSON.stringify(body)).not.toMatch(/has no speaker|stack/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const logged = logLines(server).find((entry) => entry.requestId === 'masked-1' && entry.err);
    expect(logged?.err.message).toMatch(/has no speaker/);
    await runSql(databaseUrl, `DELETE FROM "Statement" WHERE "text" = 'orphan'`);
  });

  it('sends no CORS headers to other sites by default', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('drains on SIGTERM without waiting for idle keep-alive connections', async () => {
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${server.url}/graphql`,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ __typename }' }));
    });
    expect(status).toBe(200);
    const started = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(3_000);
    agent.destroy();
  });
});

describe('a server configured for production', () => {
  const metricsToken = 'metrics-token-0123456789';
  let server: RunningServer;
  let documentsDir: string;
  let databaseUrl: string;
  beforeAll(async () => {
    documentsDir = mkdtempSync(join(tmpdir(), 'kb-documents-'));
    cleanups.push(async () => rmSync(documentsDir, { recursive: true, force: true }));
    ({ server, url: databaseUrl } = await serve({
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://researchers.example',
      INTROSPECTION: 'false',
      GRAPHIQL: 'false',
      RATE_LIMIT_POINTS: '5',
      METRICS_TOKEN: metricsToken,
    }));
  }, 60_000);

  it('serves /metrics only with its token', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}x` },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${server.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/process_resident_memory_bytes/);
  });

  it('answers CORS only for allowed origins, never with a wildcard', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('https://researchers.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://researchers.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses introspection and does not serve GraphiQL', async () => {
    const body = await (await graphql(server, { query: '{ __schema { types { name } } }' })).json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('charges each query by cost and reports the budget, then refuses with 429', async () => {
    const query = '{ people(first: 100) { totalCount } countries(first: 100) { totalCount } }';
    const remaining: number[] = [];
    for (let i = 0; i < 2; i++) {
      const body = await (await graphql(server, { query })).json();
      expect(body.extensions.rateLimit).toMatchObject({ limit: 5, cost: 2 });
      remaining.push(body.extensions.rateLimit.remaining);
    }
    expect(remaining).toEqual([3, 1]);
    const refused = await graphql(server, { query });
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    // A made-up credential does not buy a fresh budget.
    const madeUp = await graphql(server, { query }, { authorization: 'Bearer kb_made_up' });
    expect(madeUp.status).toBe(429);
  });

  it('gives no field suggestions while introspection is off (after the budget is spent too)', async () => {
    const body = await (
      await graphql(server, { query: '{ peopl(first: 1) { totalCount } }' })
    ).json();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors[0].message).toMatch(/Cannot query field "peopl"/);
    expect(body.errors[0].message).not.toMatch(/Did you mean|people/);
  });

  it('answers Vary: Origin, so that caches keep CORS answers per origin', async () => {
    const preflight = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://researchers.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('vary')).toMatch(/\bOrigin\b/);
    const post = await graphql(
      server,
      { query: '{ __typename }' },
      { origin: 'https://evil.example' },
    );
    expect(post.headers.get('vary')).toMatch(/\bOrigin\b/);
  });

  it('answers a failing readiness check with a bare 503: no message, stack or file path', async () => {
    await runSql(
      databaseUrl,
      'ALTER TABLE "_prisma_migrations" RENAME TO "_prisma_migrations_gone"',
    );
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(503);
      const body = await ready.text();
      expect(body).not.toMatch(/\/[\w.-]+\/|\.ts\b|\bat |prisma|_prisma_migrations/i);
    } finally {
      await runSql(
        databaseUrl,
        'ALTER TABLE "_prisma_migrations_gone" RENAME TO "_prisma_migrations"',
      );
    }
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  });
});

describe('trusted documents mode', () => {
  it('runs only the listed documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kb-trusted-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'documents.json');
    writeFileSync(
      file,
      JSON.stringify({ countCountries: '{ countries(first: 1) { totalCount } }' }),
    );
    const { server } = await serve({ TRUSTED_DOCUMENTS: file });
    const listed = await graphql(server, {
      extensions: { persistedQuery: { version: 1, sha256Hash: 'countCountries' } },
    });
    expect((await listed.json()).data.countries.totalCount).toBe(6);
    const arbitrary = await (await graphql(server, { query: '{ __typename }' })).json();
    expect(arbitrary.errors[0].message).toMatch(/PersistedQueryOnly|persisted/i);
  }, 60_000);
});
