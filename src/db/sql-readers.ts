// Reads sent as SQL rather than through Prisma: compiled reads, whose SQL builds the whole answer as
// one JSON value (src/compiled/), and SQLite's full-text search. PostgreSQL runs them on the pool
// Prisma uses; SQLite on read-only connections of their own in worker threads, which hold the
// functions such SQL needs and keep its prepared statements.
import { Worker } from 'node:worker_threads';
import type pg from 'pg';

/** `text`: the text column `data` of the one row the SQL returns; `rows`: every row. */
export type ReadMode = 'text' | 'rows';

export type SqlReader = {
  read(sql: string, params: unknown[], mode: ReadMode): Promise<unknown>;
  close(): void;
};

/**
 * Names each distinct SQL text, so that a connection parses and plans it once. Bounded: texts that
 * vary without end (IN lists of every length) would otherwise grow every connection's cache of
 * prepared statements forever; past the bound, texts get no name (parsed each time).
 */
export function statementNames(prefix: string, limit = 2000): (sql: string) => string | undefined {
  const names = new Map<string, string>();
  return (sql) => {
    let name = names.get(sql);
    if (name === undefined && names.size < limit) {
      name = `${prefix}${names.size}`;
      names.set(sql, name);
    }
    return name;
  };
}

export function postgresReader(pool: pg.Pool): SqlReader {
  const nameOf = statementNames('kbj');
  return {
    async read(sql, params, mode) {
      const name = nameOf(sql);
      const result = await pool.query<{ data: string | null }>({ name, text: sql, values: params });
      return mode === 'rows' ? result.rows : (result.rows[0]?.data ?? null);
    },
    close() {},
  };
}

type Reader = { worker: Worker; pending: Map<number, Pending>; knownKeys: Set<string> };
type Pending = {
  key: string | undefined;
  resolve(answer: unknown): void;
  reject(e: Error): void;
};

/**
 * SQLite runs in-process: compiled reads go to a few worker threads, each with its own read-only
 * connection, so that they use more than one core and a slow one does not hold up the event loop.
 */
export function sqliteReader(file: string, threads: number): SqlReader {
  const readers: Reader[] = [];
  const keyOf = statementNames('s');
  let nextId = 0;

  const startReader = (): Reader => {
    const worker = new Worker(new URL('./sqlite-reader.worker.mjs', import.meta.url), {
      workerData: { file, busyTimeoutMs: 10_000 },
    });
    const reader: Reader = { worker, pending: new Map(), knownKeys: new Set() };
    worker.on('message', ({ id, answer, error }: WorkerAnswer) => {
      const pending = reader.pending.get(id);
      if (!pending) return;
      reader.pending.delete(id);
      if (error) {
        pending.reject(Object.assign(new Error(error.message), { code: error.code }));
      } else {
        if (pending.key !== undefined) reader.knownKeys.add(pending.key);
        pending.resolve(answer);
      }
    });
    const fail = (error: Error) => {
      const index = readers.indexOf(reader);
      if (index >= 0) readers.splice(index, 1);
      for (const pending of reader.pending.values()) pending.reject(error);
      reader.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite reader thread stopped (${code})`)));
    worker.unref();
    readers.push(reader);
    return reader;
  };

  const leastBusy = (): Reader => {
    if (readers.length < threads) return startReader();
    return readers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };

  return {
    read(sql, params, mode) {
      // A statement prepared for text answers plucks its one column: one key per text and mode.
      const key = keyOf(`${mode}:${sql}`);
      const reader = leastBusy();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        reader.pending.set(id, { key, resolve, reject });
        const known = key !== undefined && reader.knownKeys.has(key);
        reader.worker.postMessage({ id, key, mode, sql: known ? undefined : sql, params });
      });
    },
    close() {
      for (const reader of readers.splice(0)) void reader.worker.terminate();
    },
  };
}

type WorkerAnswer = {
  id: number;
  answer: unknown;
  error?: { message: string; code?: string };
};
