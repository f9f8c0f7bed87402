import { setTimeout as sleep } from 'node:timers/promises';
import Sqlite from 'better-sqlite3';
import { createSchema, createYoga } from 'graphql-yoga';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { randomPageCost } from '../src/db/postgres-session.js';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import { loadSeed } from '../src/ingest/seed.js';
import { createLogger } from '../src/observability/logger.js';
import { useExecutionTimeout } from '../src/plugins/execution-timeout.js';
import { newRequestScope, requestScope } from '../src/plugins/request-scope.js';
import { createYogaServer } from '../src/yoga.js';
import { bigArticle, bigArticleTitle, generatedPrefix } from './helpers/big-article.js';
import { createTestDatabase, type TestDatabase, testProvider } from './helpers/database.js';

const logger = createLogger('silent');
let database: TestDatabase;
let shuttingDown = false;
const yoga = () =>
  createYogaServer(loadConfig({ NODE_ENV: 'test' }), {
    logger,
    isShuttingDown: () => shuttingDown,
  });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

const ready = async () => (await yoga().fetch('http://localhost/ready')).status;

describe('readiness', () => {
  it('is ready when the database answers and every migration is applied', async () => {
    expect(await ready()).toBe(200);
  });

  it('is not ready while a migration is pending', async () => {
    const prisma = database.database.prisma;
    const [latest] = await prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
    );
    const rename = (from: string, to: string) =>
      prisma.$executeRawUnsafe(
        `UPDATE "_prisma_migrations" SET migration_name = '${to}' WHERE migration_name = '${from}'`,
      );
    await rename(latest?.migration_name as string, 'not_this_one');
    try {
      expect(await ready()).toBe(503);
    } finally {
      await rename('not_this_one', latest?.migration_name as string);
    }
    expect(await ready()).toBe(200);
  });

  it('is not ready during shutdown', async () => {
    shuttingDown = true;
    try {
      expect(await ready()).toBe(503);
    } finally {
      shuttingDown = false;
    }
  });

  it.runIf(testProvider === 'postgresql')(
    'is not ready while the database is unreachable',
    async () => {
      const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
      await admin.connect();
      const name = new URL(database.url).pathname.slice(1);
      try {
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        expect(await ready()).toBe(503);
      } finally {
        await admin.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
        await admin.end();
      }
      // ...and ready again once it is back, without a restart.
      expect(await ready()).toBe(200);
    },
  );
});

describe('execution timeout', () => {
  it('answers a request that runs too long with a TIMEOUT error', async () => {
    const slow = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { slow: String }',
        resolvers: {
          Query: { slow: () => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000)) },
        },
      }),
      plugins: [useExecutionTimeout(100)],
      logging: false,
    });
    const started = Date.now();
    const response = await slow.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow }' }),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    const body = await response.json();
    expect(body.errors[0].extensions.code).toBe('TIMEOUT');
  });

  it.runIf(testProvider === 'postgresql')(
    'stops the database work too (statement_timeout)',
    async () => {
      const timed = openDatabase(database.url, { statementTimeoutMs: 200 });
      try {
        const started = Date.now();
        await expect(timed.prisma.$queryRawUnsafe('SELECT pg_sleep(3)')).rejects.toThrow(
          /statement timeout|canceling statement/,
        );
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        await timed.close();
      }
    },
  );

  it.runIf(testProvider === 'postgresql')(
    'plans with the random page cost of memory and SSDs, together with the timeouts',
    async () => {
      const timed = openDatabase(database.url, { statementTimeoutMs: 1234 });
      try {
        const settings = await timed.prisma.$queryRawUnsafe<{ name: string; setting: string }[]>(
          "SELECT name, setting FROM pg_settings WHERE name IN ('random_page_cost', 'statement_timeout') ORDER BY name",
        );
        expect(settings).toEqual([
          { name: 'random_page_cost', setting: String(randomPageCost) },
          { name: 'statement_timeout', setting: '1234' },
        ]);
        const [idle] = await timed.prisma.$queryRawUnsafe<{ setting: string }[]>(
          "SELECT setting FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout'",
        );
        expect(idle?.setting).toBe('1234');
      } finally {
        await timed.close();
      }
    },
  );
});

/** Whether a write transaction is open on the test database (asked without waiting). */
async function writeTransactionOpen(): Promise<boolean> {
  if (testProvider === 'sqlite') {
    const connection = new Sqlite(sqliteFilePath(database.url), { timeout: 0 });
    try {
      connection.exec('BEGIN IMMEDIATE');
      connection.exec('ROLLBACK');
      return false;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw error;
    } finally {
      connection.close();
    }
  }
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  try {
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
         AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    );
    return rows.length > 0;
  } finally {
    await admin.end();
  }
}

describe('a request answered TIMEOUT', () => {
  it('rolls its transaction back: nothing of a 3,000-statement import is stored, then or later', async () => {
    const prisma = database.database.prisma;
    await loadSeed(prisma);
    const key = await createApiKey(prisma, 'timeout-editor', 'EDITOR');
    const timed = createYogaServer(
      loadConfig({
        NODE_ENV: 'test',
        EXECUTION_TIMEOUT_MS: '1000',
        MAX_STRING_LENGTH: '1000000',
        MAX_BODY_BYTES: '10000000',
        RATE_LIMIT_POINTS: '0',
      }),
      { logger },
    );
    const response = await requestScope.run(newRequestScope(), () =>
      timed.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${key.secret}`,
        },
        body: JSON.stringify({
          query: `mutation ($article: JSON!) { importArticle(article: $article) {
            __typename ... on ImportArticleSuccess { import { created { statements } } } } }`,
          variables: { article: bigArticle(3_000) },
        }),
      }),
    );
    const body = await response.json();
    expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    // However long the import's transaction would have gone on, wait for its end, then longer.
    const deadline = Date.now() + 120_000;
    while ((await writeTransactionOpen()) && Date.now() < deadline) await sleep(200);
    await sleep(2_000);
    expect(await writeTransactionOpen()).toBe(false);
    const stored = {
      sources: await prisma.source.count({ where: { title: bigArticleTitle } }),
      statements: await prisma.statement.count({
        where: { text: { startsWith: generatedPrefix } },
      }),
    };
    expect(stored).toEqual({ sources: 0, statements: 0 });
  }, 150_000);
});
