// Faults: the database going away under load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testProvider } from './helpers/database.js';
import { type PrivatePostgres, startPrivatePostgres } from './helpers/private-postgres.js';
import { type RunningServer, startServer } from './helpers/server.js';

describe.runIf(testProvider === 'postgresql')('PostgreSQL restarted under load', () => {
  let postgres: PrivatePostgres;
  let server: RunningServer;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    server = await startServer({ DATABASE_URL: postgres.url, RATE_LIMIT_POINTS: '0' });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    await postgres?.destroy();
  });

  const query = async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ people(first: 5) { totalCount edges { node { name } } } }',
      }),
    });
    return { status: response.status, body: await response.json() };
  };

  it('fails requests cleanly while it is down and serves again after, without a restart', async () => {
    let running = true;
    const outcomes: { status: number; code?: string; ok: boolean }[] = [];
    const load = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (running) {
          const { status, body } = await query();
          outcomes.push({
            status,
            code: body.errors?.[0]?.extensions?.code,
            ok: Boolean(body.data?.people),
          });
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    postgres.stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    postgres.start();
    let recovered = false;
    for (let i = 0; i < 100 && !recovered; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      recovered = outcomes.at(-1)?.ok === true;
    }
    running = false;
    await load;

    expect(server.process.exitCode).toBeNull();
    expect(recovered).toBe(true);
    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    }
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
  }, 60_000);
});
