// The one place that decides which generated client and driver adapter serve a database URL.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient as PostgresClient } from '../../prisma/generated/postgresql/client/client.js';
import { PrismaClient as SqliteClient } from '../../prisma/generated/sqlite/client/client.js';
import { type Provider, providerOf } from './provider.js';
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
};

export function openDatabase(url: string, options: DatabaseOptions = {}): Database {
  const provider = providerOf(url);
  const pool =
    provider === 'postgresql'
      ? new pg.Pool({
          connectionString: url,
          max: options.poolSize ?? 10,
          ...(options.statementTimeoutMs
            ? { options: `-c statement_timeout=${options.statementTimeoutMs}` }
            : {}),
        })
      : undefined;
  // An idle connection the server ends (restart, failover, admin) is dropped by the pool and the
  // next query opens a new one; unheard, the error would end the process.
  pool?.on('error', () => {});
  const listeners = new Set<QueryListener>();
  const log =
    options.logQueries === false ? [] : [{ level: 'query' as const, emit: 'event' as const }];
  const prisma = (provider === 'sqlite'
    ? new SqliteClient({
        adapter: new PrismaBetterSqlite3({ url: `file:${sqliteFilePath(url)}`, timeout: 10_000 }),
        log,
      })
    : new PostgresClient({ adapter: new PrismaPg(pool as pg.Pool), log })) as unknown as Db & {
    $on(event: 'query', callback: QueryListener): void;
  };
  if (log.length > 0) {
    prisma.$on('query', (event) => {
      for (const listener of listeners) listener({ query: event.query, duration: event.duration });
    });
  }
  return {
    prisma,
    provider,
    pool,
    onQuery(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      await prisma.$disconnect();
      if (pool && !pool.ended) await pool.end();
    },
  };
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
