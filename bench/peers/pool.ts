// A pg pool that counts every SQL statement its connections send, for GET /bench-stats.
import pg from 'pg';
import { sessionOptions } from '../../src/db/postgres-session.ts';

export function countedPool(url: string, max: number) {
  let sqlStatements = 0;
  // Our server's session settings, so that the servers' plans compare alike.
  const pool = new pg.Pool({ connectionString: url, max, options: sessionOptions() });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      sqlStatements++;
      return query(...args);
    }) as typeof client.query;
    // A connection the server ends while idle must not crash the process.
    client.on('error', (error) => console.error('PostgreSQL connection error:', error.message));
  });
  pool.on('error', (error) => console.error('PostgreSQL pool error:', error.message));
  return { pool, stats: () => ({ sqlStatements }) };
}
