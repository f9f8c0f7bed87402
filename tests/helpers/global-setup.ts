// Migrates one template database per test project (and one holding the seed knowledge) before the
// workers start; each test file then gets a copy of it (a file copy on SQLite, CREATE DATABASE …
// TEMPLATE on PostgreSQL) instead of replaying every migration itself.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { Provider } from '../../src/db/provider.js';
import { sqliteFilePath } from '../../src/db/sqlite-url.js';
import { loadSeed } from '../../src/ingest/seed.js';
import { postgresDatabaseUrl } from './postgres-url.js';

export type Templates = { migrated: string; seeded: string };

declare module 'vitest' {
  export interface ProvidedContext {
    templates: Templates;
  }
}

export default async function setup(project: TestProject) {
  const provider = project.name as Provider;
  const created = provider === 'sqlite' ? sqliteTemplates() : await postgresTemplates();
  await migrate(created.templates.migrated);
  const copy = await created.copy(created.templates.migrated, created.templates.seeded);
  const seeded = openDatabase(copy, { logQueries: false });
  try {
    await loadSeed(seeded.prisma);
  } finally {
    await seeded.close();
  }
  project.provide('templates', created.templates);
  return created.remove;
}

type Created = {
  templates: Templates;
  copy(from: string, to: string): Promise<string>;
  remove(): Promise<void>;
};

function sqliteTemplates(): Created {
  const dir = mkdtempSync(join(tmpdir(), 'kb-template-'));
  const path = (name: string) => `file:${join(dir, `${name}.db`)}`;
  return {
    templates: { migrated: path('migrated'), seeded: path('seeded') },
    copy: async (from, to) => {
      copyFileSync(sqliteFilePath(from), sqliteFilePath(to));
      return to;
    },
    remove: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTemplates(): Promise<Created> {
  const suffix = randomBytes(4).toString('hex');
  const names = { migrated: `kb_template_${suffix}`, seeded: `kb_template_seeded_${suffix}` };
  await adminQuery(`CREATE DATABASE ${names.migrated}`);
  return {
    templates: {
      migrated: postgresDatabaseUrl(names.migrated),
      seeded: postgresDatabaseUrl(names.seeded),
    },
    copy: async () => {
      await adminQuery(`CREATE DATABASE ${names.seeded} TEMPLATE ${names.migrated}`);
      return postgresDatabaseUrl(names.seeded);
    },
    remove: async () => {
      for (const name of [names.seeded, names.migrated]) {
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    },
  };
}

async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
