// Applies the committed migrations (Prisma's folder format, one history per provider) and
// records them in `_prisma_migrations` exactly as `prisma migrate deploy` would, so either tool
// can take over from the other.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { prismaDir } from '../project-root.js';
import { type Provider, providerOf } from './provider.js';
import { sqliteFilePath } from './sqlite-url.js';

export const migrationsRoot = join(prismaDir, 'migrations');

export type Migration = { name: string; sql: string; checksum: string };

export function migrationsFor(provider: Provider): Migration[] {
  const dir = join(migrationsRoot, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const historyTable = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`,
};

type Applied = { migration_name: string; checksum: string };

/** What must happen before the database matches this code; throws if it cannot. */
export function plan(migrations: Migration[], applied: Applied[]): Migration[] {
  const known = new Map(migrations.map((m) => [m.name, m]));
  for (const row of applied) {
    const migration = known.get(row.migration_name);
    if (!migration) {
      throw new Error(
        `the database has migration ${row.migration_name}, which this code does not know: it was migrated by a newer version`,
      );
    }
    if (migration.checksum !== row.checksum) {
      throw new Error(`migration ${row.migration_name} was modified after it was applied`);
    }
  }
  const done = new Set(applied.map((row) => row.migration_name));
  return migrations.filter((m) => !done.has(m.name));
}

// Prisma Migrate's own advisory lock key, so this runner and `prisma migrate` exclude each other.
const advisoryLockKey = 72707369;

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [advisoryLockKey]);
    await client.query(historyTable.postgresql);
    const { rows } = await client.query<Applied>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const pending = plan(migrations, rows);
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.end();
  }
}

function migrateSqlite(url: string, migrations: Migration[]): string[] {
  const db = new Database(sqliteFilePath(url), { timeout: 10_000 });
  try {
    db.exec(historyTable.sqlite);
    // IMMEDIATE takes the write lock up front, so concurrent starters apply each migration once.
    return db
      .transaction(() => {
        const rows = db
          .prepare(
            'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
          )
          .all() as Applied[];
        const pending = plan(migrations, rows);
        const record = db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES (?, ?, ?, current_timestamp, current_timestamp, 1)`,
        );
        for (const migration of pending) {
          try {
            db.exec(migration.sql);
          } catch (error) {
            throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`);
          }
          record.run(randomUUID(), migration.checksum, migration.name);
        }
        return pending.map((m) => m.name);
      })
      .immediate();
  } finally {
    db.close();
  }
}

/** Applies pending migrations to the database at `url`; returns the names applied. */
export async function migrate(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const migrations = migrationsFor(provider);
  return provider === 'sqlite' ? migrateSqlite(url, migrations) : migratePostgres(url, migrations);
}
