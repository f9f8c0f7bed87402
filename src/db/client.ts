// The one place that decides which generated client and driver adapter serve a database URL.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client/client.js';
import { PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client/client.js';
import { sessionOptions } from './postgres-session.js';
import { type Provider, providerOf } from './provider.js';
import {
  postgresReader,
  type ReadMode,
  type SqlReader,
  sqliteReader,
  statementNames,
} from './sql-readers.js';
import { sqliteFilePath } from './sqlite-url.js';

// Both generated clients have the same model API; the SQLite one's types stand for both.
export type Db = InstanceType<typeof SqliteClient>;

export type QueryListener = (event: { query: string; duration: number }) => void;

export type Database = {
  prisma: Db;
  provider: Provider;
  /** The PostgreSQL connection pool (none for SQLite), for metrics. */
  pool?: pg.Pool;
  /** Registers a listener for every SQL statement sent; returns the unsubscribe function. */
  onQuery(listener: QueryListener): () => void;
  /** Runs a statement that builds its whole answer as JSON text (one row, column `data`). */
  readJson(sql: string, params: unknown[]): Promise<string | null>;
  /**
   * Runs a read given as SQL, off the event loop on SQLite. Parameters are `$1`… on PostgreSQL,
   * `@p1`… on SQLite.
   */
  readRows<T>(sql: string, params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

export type DatabaseOptions = {
  poolSize?: number;
  /** PostgreSQL stops any statement running longer, so a timed-out request stops its work too. */
  statementTimeoutMs?: number;
  /**
   * Emit every statement to `onQuery` listeners (default true). Bulk loads turn it off: Prisma
   * serializes all of each statement's parameters for the event.
   */
  logQueries?: boolean;
  /** Worker threads answering compiled reads on SQLite (default 2). */
  sqliteReaders?: number;
};

export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const provider = providerOf(url);
  const prismaNames = statementNames('kb');
  const pool =
    provider === 'postgresql'
      ? new pg.Pool({
          connectionString: url,
          max: options.poolSize ?? 10,
          options: sessionOptions(options.statementTimeoutMs),
        })
      : undefined;
  // An idle connection the server ends (restart, failover, admin) is dropped by the pool and the
  // next query opens a new one; unheard, the error would end the process.
  pool?.on('error', () => {});
  const listeners = new Set<QueryListener>();
  const log =
    options.logQueries === false ? [] : [{ level: 'query' as const, emit: 'event' as const }];
  if (provider === 'sqlite') useWriteAheadLog(sqliteFilePath(url));
  const prisma = (provider === 'sqlite'
    ? new SqliteClient({
        adapter: new PrismaBetterSqlite3({
          url: `file:${sqliteFilePath(url)}`,
          timeout: sqliteBusyTimeoutMs,
        }),
        log,
      })
    : new PostgresClient({
        adapter: new PrismaPg(pool as pg.Pool, {
          statementNameGenerator: ({ sql }) => prismaNames(sql) ?? '',
        }),
        log,
      })) as unknown as Db & {
    $on(event: 'query', callback: QueryListener): void;
  };
  if (log.length > 0) {
    prisma.$on('query', (event) => {
      for (const listener of listeners) listener({ query: event.query, duration: event.duration });
    });
  }
  const reader: SqlReader =
    provider === 'sqlite'
      ? sqliteReader(sqliteFilePath(url), options.sqliteReaders ?? 2)
      : postgresReader(pool as pg.Pool);
  const read = async (sql: string, params: unknown[], mode: ReadMode) => {
    const started = performance.now();
    try {
      return await reader.read(sql, params, mode);
    } finally {
      const duration = performance.now() - started;
      for (const listener of listeners) listener({ query: sql, duration });
    }
  };
  return {
    prisma: provider === 'postgresql' ? withRelationStrategy(prisma) : prisma,
    provider,
    pool,
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    readJson: (sql, params) => read(sql, params, 'text') as Promise<string | null>,
    readRows: <T>(sql: string, params: unknown[]) => read(sql, params, 'rows') as Promise<T[]>,
    close: async () => {
      reader.close();
      await prisma.$disconnect();
      if (pool && !pool.ended) await pool.end();
    },
  };
}

/**
 * How long a statement on the server's own SQLite connection waits for a lock. better-sqlite3 waits
 * by blocking the thread, the event loop's: so barely, and transactions wait for another process's
 * write lock asynchronously instead (src/db/transaction.ts). In WAL mode reads take no lock.
 */
const sqliteBusyTimeoutMs = 5;

/**
 * Write-ahead logging (kept in the file once set): readers, the reader threads' included, read the
 * last commit while a write transaction, however long, is open, instead of waiting for it.
 */
function useWriteAheadLog(file: string): void {
  const connection = new Sqlite(file);
  try {
    connection.pragma('journal_mode = WAL');
  } finally {
    connection.close();
  }
}

const readOperations = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
]);

/**
 * PostgreSQL reads load their relations in one SQL statement (lateral joins building JSON). The
 * database builds a nested page lazily only when an index yields the page's order; otherwise it
 * builds the JSON of every related row before sorting, and a page of a long list would cost the
 * whole list. Reads with a nested page in another order load one level per statement instead.
 */
function withRelationStrategy(prisma: Db): Db {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ operation, args, query }) {
          if (!readOperations.has(operation)) return query(args);
          const strategy = pagesInUnindexedOrder(args) ? 'query' : 'join';
          return query({ ...args, relationLoadStrategy: strategy } as unknown as typeof args);
        },
      },
    },
  }) as unknown as Db;
}

// Orders of nested pages that the schema's indexes yield (with the relation's key first).
const indexedPageOrders = new Set(['id', 'statementId', 'occurredOn']);

function pagesInUnindexedOrder(args: unknown): boolean {
  const { select, include } = (args ?? {}) as { select?: unknown; include?: unknown };
  for (const selection of [select, include]) {
    if (typeof selection !== 'object' || selection === null) continue;
    for (const [field, value] of Object.entries(selection)) {
      if (field === '_count' || typeof value !== 'object' || value === null) continue;
      if ('take' in value && !isIndexedOrder((value as { orderBy?: unknown }).orderBy)) return true;
      if (pagesInUnindexedOrder(value)) return true;
    }
  }
  return false;
}

function isIndexedOrder(orderBy: unknown): boolean {
  const terms = Array.isArray(orderBy) ? orderBy : orderBy ? [orderBy] : [];
  return terms.every((term: Record<string, unknown>) =>
    Object.entries(term).every(
      ([column, direction]) =>
        indexedPageOrders.has(column) &&
        (column !== 'occurredOn' ||
          (typeof direction === 'object' && (direction as { sort?: string }).sort === 'asc')),
    ),
  );
}

let current: Database | undefined;

/** Opens the process-wide database that resolvers use through `db()`. */
export function connect(url: string, options?: DatabaseOptions): Database {
  current = openDatabase(url, options);
  return current;
}

export function database(): Database {
  if (!current) throw new Error('the database is not connected: call connect() first');
  return current;
}

/** The process-wide database, if connected yet. */
export const connectedDatabase = (): Database | undefined => current;

export const db = (): Db => database().prisma;
