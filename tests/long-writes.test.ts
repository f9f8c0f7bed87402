// A long import and a lock held by another process, against the real server: reads keep being
// answered meanwhile (and do not see the import before its commit), and on SQLite a writer
// waiting for another process's lock leaves the event loop free (`/health` answers).
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import Sqlite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { sqliteFilePath } from '../src/db/sqlite-url.js';
import { importArticle } from '../src/ingest/import-article.js';
import { bigArticle, generatedPrefix } from './helpers/big-article.js';
import { testProvider, writeTransactionOpen } from './helpers/database.js';
import { useServer } from './helpers/server.js';

const running = useServer({
  EXECUTION_TIMEOUT_MS: '300000',
  MAX_STRING_LENGTH: '1000000',
  MAX_BODY_BYTES: '10000000',
  RATE_LIMIT_POINTS: '0',
});

let authorization: string;

beforeAll(async () => {
  const database = openDatabase(running.databaseUrl);
  try {
    const key = await createApiKey(database.prisma, 'long-writes-editor', 'EDITOR');
    authorization = `Bearer ${key.secret}`;
  } finally {
    await database.close();
  }
});

async function post(query: string, variables?: Record<string, unknown>, key = true) {
  const response = await fetch(`${running.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

const countQuery =
  '{ statements(first: 1) { totalCount } people(first: 3) { edges { node { name } } } }';

describe(`a large import (${testProvider})`, () => {
  it('holds no reader: reads answer before the import ends, without seeing it', async () => {
    const before = await post(countQuery, undefined, false);
    let importDone = false;
    const importing = post(
      'mutation ($article: JSON!) { importArticle(article: $article) { __typename } }',
      { article: bigArticle(500) },
    ).finally(() => {
      importDone = true;
    });
    const deadline = Date.now() + 60_000;
    while (!(await writeTransactionOpen(running.databaseUrl))) {
      if (Date.now() > deadline || importDone) throw new Error('the import opened no transaction');
      await sleep(20);
    }
    const during = await post(countQuery, undefined, false);
    expect(importDone).toBe(false);
    expect(await writeTransactionOpen(running.databaseUrl)).toBe(true);
    expect(during).toEqual(before);
    const imported = await importing;
    expect(imported).toEqual({ data: { importArticle: { __typename: 'ImportArticleSuccess' } } });
    const after = await post(countQuery, undefined, false);
    expect(after.data.statements.totalCount).toBe(before.data.statements.totalCount + 500);
  }, 240_000);
});

describe(`a transaction of this process (${testProvider})`, () => {
  it('is not seen by reads outside it before its commit', async () => {
    const database = openDatabase(running.databaseUrl);
    try {
      const article = bigArticle(300);
      article.source.text += ' (in-process copy)';
      const count = () =>
        database.prisma.statement.count({ where: { text: { startsWith: generatedPrefix } } });
      const before = await count();
      const importing = importArticle(database.prisma, article);
      while (!(await writeTransactionOpen(running.databaseUrl))) await sleep(10);
      // Counted again and again while the import writes its statements, until it commits.
      const during: number[] = [];
      while (await writeTransactionOpen(running.databaseUrl)) {
        during.push(await count());
        await sleep(100);
      }
      expect(during.length).toBeGreaterThan(3);
      expect(new Set(during)).toEqual(new Set([before]));
      const summary = await importing;
      expect(await count()).toBe(before + summary.created.statements);
    } finally {
      await database.close();
    }
  }, 120_000);
});

describe.runIf(testProvider === 'sqlite')('another process holding the write lock', () => {
  it('leaves the event loop free: /health answers while a write waits, which then succeeds', async () => {
    const people = await post('{ people(first: 1) { edges { node { id } } } }', undefined, false);
    const entity = people.data.people.edges[0].node.id as string;
    expect(entity).toBe(encodeGlobalID('Person', 1));
    const holder = new Sqlite(sqliteFilePath(running.databaseUrl));
    holder.exec('BEGIN IMMEDIATE');
    let writeDone = false;
    let writing: Promise<unknown>;
    try {
      writing = post('mutation ($input: AliasInput!) { addAlias(input: $input) { __typename } }', {
        input: { entity, name: 'Waited for the lock' },
      }).finally(() => {
        writeDone = true;
      });
      // Give the server time to reach the lock, then ask it something else.
      await sleep(500);
      const health = await fetch(`${running.server.url}/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      expect(health.status).toBe(200);
      expect(writeDone).toBe(false);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await writing).toEqual({ data: { addAlias: { __typename: 'AddAliasSuccess' } } });
  });
});
