// Interactive transactions that end with the request that opened them. Inside a request with an
// execution timeout, a transaction's Prisma timeout is the time the request has left, so Prisma
// rolls it back when the request is answered TIMEOUT instead of committing it later; long work
// inside awaits checkpoint() between steps. On SQLite, another process holding the write lock is
// waited for here, asynchronously, rather than by a busy timeout that blocks the thread.
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import { requestScope } from '../plugins/request-scope.js';
import type { Db } from './client.js';

export type Tx = Prisma.TransactionClient;

/** How long a transaction outside any request may wait for SQLite's write lock in all. */
const lockWaitMs = 10_000;

/** Runs `work` in one transaction, at most `longestMs` and never past the request's deadline. */
export async function transaction<T>(
  prisma: Db,
  work: (tx: Tx) => Promise<T>,
  longestMs: number,
): Promise<T> {
  const scope = requestScope.getStore();
  const giveUpAt = scope?.deadline ?? performance.now() + lockWaitMs;
  for (let attempt = 0; ; attempt++) {
    await checkpoint();
    const left = scope?.deadline === undefined ? longestMs : scope.deadline - performance.now();
    const timeout = Math.max(1, Math.min(longestMs, left));
    try {
      return await prisma.$transaction(work, { timeout, maxWait: Math.min(10_000, timeout) });
    } catch (error) {
      const pause = Math.min(200, 5 * 2 ** attempt);
      if (!lockedByAnother(error) || performance.now() + pause >= giveUpAt) throw error;
      await sleep(pause);
    }
  }
}

/**
 * Lets the event loop run, then throws the request's TIMEOUT error if it was answered with it.
 * SQLite's statements complete synchronously, so a chain of them awaits only settled promises:
 * without a turn of the event loop no other request is served and no timer (the execution
 * timeout's, the transaction's) fires until the chain ends.
 */
export async function checkpoint(): Promise<void> {
  await nextTurn();
  requestScope.getStore()?.signal?.throwIfAborted();
}

/** SQLite's SQLITE_BUSY (another connection holds the write lock), as the adapter reports it. */
export function lockedByAnother(error: unknown): boolean {
  const { meta, message } = (error ?? {}) as {
    meta?: { driverAdapterError?: { cause?: { kind?: string } } };
    message?: string;
  };
  return (
    meta?.driverAdapterError?.cause?.kind === 'SocketTimeout' ||
    /SQLITE_BUSY|database is locked/.test(message ?? '')
  );
}
