// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter. The native
// engine that `prisma migrate` downloads is not needed: this produces migration SQL offline.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { Provider } from './provider.js';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@prisma/schema-engine-wasm'));

type Schema = { path: string; content: string };
type DiffTarget =
  | { tag: 'empty' }
  | { tag: 'schemaDatamodel'; files: Schema[] }
  | {
      tag: 'migrations';
      baseDir: string;
      lockfile: { path: string; content: string | null };
      shadowDbInitScript: string;
      migrationDirectories: {
        path: string;
        migrationFile: { path: string; content: { tag: 'ok'; value: string } };
      }[];
    };
type SchemaEngine = {
  diff(params: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: { externalTables: string[]; externalEnums: string[] };
  }): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

let bindings: Promise<{ SchemaEngine: { new: (...args: never[]) => Promise<unknown> } }>;

function loadBindings() {
  bindings ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const module = new WebAssembly.Module(readFileSync(join(packageDir, 'schema_engine_bg.wasm')));
    const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bindings;
}

/**
 * Runs `fn` with a schema engine for `provider`. SQLite uses an in-memory database (also as the
 * shadow database); PostgreSQL connects to `postgresUrl` even when the targets read no database.
 */
export async function withSchemaEngine<T>(
  provider: Provider,
  datamodel: Schema,
  fn: (engine: SchemaEngine) => Promise<T>,
  postgresUrl?: string,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const factory =
    provider === 'sqlite'
      ? sqliteFactoryForMigrationScripts()
      : new PrismaPg(postgresUrl ?? 'postgresql://127.0.0.1:5432/postgres');
  const engine = (await SchemaEngine.new(
    { datamodels: [[datamodel.path, datamodel.content]] } as never,
    (() => {}) as never,
    bindMigrationAwareSqlAdapterFactory(factory) as never,
  )) as SchemaEngine;
  try {
    return await fn(engine);
  } finally {
    engine.free();
  }
}

// The engine replays a whole migration.sql through executeRaw, which better-sqlite3 refuses
// for more than one statement; scripts without parameters go through executeScript instead.
function sqliteFactoryForMigrationScripts() {
  const factory = new PrismaBetterSqlite3({ url: ':memory:' });
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = (query) =>
      query.args.length === 0 ? adapter.executeScript(query.sql).then(() => 0) : executeRaw(query);
    return adapter;
  };
  return factory;
}
