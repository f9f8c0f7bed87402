// Loads large sets of already-keyed rows (explicit ids, links given as ids) with multi-row
// INSERTs in one transaction: nothing is matched against what is stored and no row costs a round
// trip, so it suits generated or restored datasets that the article import would take hours over.
// No Change rows are written: a bulk load is an administrative load, like a restore, and undo
// could not replay a summary row; callers record provenance themselves if they need it.
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import type { Database } from '../db/client.js';
import type { Provider } from '../db/provider.js';
import { type SearchKind, searchRefresh } from '../db/search-index.js';

/**
 * A row as createMany takes it, with its id, and dates as Date objects only: the driver adapter
 * encodes those as Prisma does, while a string would be stored as written.
 */
type Keyed<Row> = {
  [Column in keyof Row]: Date extends Row[Column] ? Exclude<Row[Column], string> : Row[Column];
} & { id: number };

export type BulkRows = {
  country?: Keyed<Prisma.CountryCreateManyInput>[];
  organization?: Keyed<Prisma.OrganizationCreateManyInput>[];
  person?: Keyed<Prisma.PersonCreateManyInput>[];
  alias?: Keyed<Prisma.AliasCreateManyInput>[];
  externalId?: Keyed<Prisma.ExternalIdCreateManyInput>[];
  role?: Keyed<Prisma.RoleCreateManyInput>[];
  source?: Keyed<Prisma.SourceCreateManyInput>[];
  statement?: Keyed<Prisma.StatementCreateManyInput>[];
  statementSubject?: Keyed<Prisma.StatementSubjectCreateManyInput>[];
  statementRelation?: Keyed<Prisma.StatementRelationCreateManyInput>[];
  meeting?: Keyed<Prisma.MeetingCreateManyInput>[];
  meetingParticipant?: Keyed<Prisma.MeetingParticipantCreateManyInput>[];
  attestation?: Keyed<Prisma.AttestationCreateManyInput>[];
};

export type BulkModel = keyof BulkRows;

/** Every model after the models it links to, so foreign keys hold at each insert. */
export const bulkModels: readonly BulkModel[] = [
  'country',
  'organization',
  'person',
  'alias',
  'externalId',
  'role',
  'source',
  'statement',
  'statementSubject',
  'statementRelation',
  'meeting',
  'meetingParticipant',
  'attestation',
];

export const tableOf = (model: BulkModel) => model.charAt(0).toUpperCase() + model.slice(1);

// Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER (since 3.32),
// PostgreSQL's protocol limit.
const maxParameters: Record<Provider, number> = { sqlite: 32_766, postgresql: 65_535 };

/** Rows per INSERT: as many as fit in one statement's parameters. */
export function chunkRows(provider: Provider, columns: number): number {
  return Math.max(1, Math.floor(maxParameters[provider] / columns));
}

export type BulkTableReport = { model: BulkModel; table: string; rows: number; seconds: number };
export type BulkLoadReport = {
  tables: BulkTableReport[];
  rows: number;
  /** PostgreSQL: indexing the loaded rows for search once, after the inserts. */
  searchIndexSeconds: number;
  seconds: number;
};

export type BulkLoadOptions = {
  /** Called after each chunk, e.g. to print progress. */
  onProgress?: (model: BulkModel, loaded: number, total: number) => void;
  /** The load's transaction ends after this long (default one hour). */
  timeoutMs?: number;
};

type Tx = Prisma.TransactionClient;

/**
 * Inserts `rows` in one transaction (all or nothing). Ids must be free; afterwards PostgreSQL's
 * sequences are moved past the largest ids so that later inserts get fresh ones (SQLite's
 * AUTOINCREMENT does so by itself), and the planner's statistics are refreshed.
 */
export async function bulkLoad(
  database: Database,
  rows: BulkRows,
  { onProgress, timeoutMs = 3_600_000 }: BulkLoadOptions = {},
): Promise<BulkLoadReport> {
  const { prisma, provider } = database;
  const started = performance.now();
  const { tables, searchIndexSeconds } = await prisma.$transaction(
    async (tx) => {
      const deferred = provider === 'postgresql' ? await deferSearchIndex(tx, rows) : undefined;
      const reports: BulkTableReport[] = [];
      for (const model of bulkModels) {
        const data = rows[model] ?? [];
        if (data.length === 0) continue;
        const tableStarted = performance.now();
        await insertChunks(tx, provider, model, data, onProgress);
        if (provider === 'postgresql') {
          const table = tableOf(model);
          await tx.$executeRawUnsafe(
            `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), max(id)) FROM "${table}"`,
          );
        }
        reports.push({
          model,
          table: tableOf(model),
          rows: data.length,
          seconds: (performance.now() - tableStarted) / 1000,
        });
      }
      const indexStarted = performance.now();
      await deferred?.();
      return { tables: reports, searchIndexSeconds: (performance.now() - indexStarted) / 1000 };
    },
    { timeout: timeoutMs, maxWait: 60_000 },
  );
  // A freshly filled table's statistics are stale; without them the planner misjudges joins.
  await prisma.$executeRawUnsafe('ANALYZE');
  return {
    tables,
    rows: tables.reduce((sum, table) => sum + table.rows, 0),
    searchIndexSeconds,
    seconds: (performance.now() - started) / 1000,
  };
}

// Not createMany: Prisma compiles each call whole and keeps its last plans in a debug log, which
// cost 100-300 µs per row here (scale 1: 3.3 minutes on SQLite, 9 on PostgreSQL). The same rows
// as multi-row INSERTs through $executeRawUnsafe cost about a fifteenth of that, and still pass
// through Prisma's driver adapter, which encodes dates as for createMany; PostgreSQL infers the
// enums' types from the columns.
async function insertChunks(
  tx: Tx,
  provider: Provider,
  model: BulkModel,
  data: object[],
  onProgress: BulkLoadOptions['onProgress'],
) {
  const table = tableOf(model);
  // Rows of one model carry the same columns, so the first one names them.
  const columns = Object.keys(data[0] as object);
  for (const name of [table, ...columns]) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`unusable column name "${name}"`);
  }
  const size = chunkRows(provider, columns.length);
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  const statementFor = (rows: number) => {
    const tuples: string[] = [];
    for (let row = 0, n = 0; row < rows; row++) {
      const marks = columns.map(() => (provider === 'sqlite' ? '?' : `$${++n}`));
      tuples.push(`(${marks.join(', ')})`);
    }
    return head + tuples.join(', ');
  };
  const statements = new Map<number, string>();
  for (let start = 0; start < data.length; start += size) {
    const chunk = data.slice(start, start + size) as Record<string, unknown>[];
    const values: unknown[] = [];
    for (const row of chunk) {
      for (const column of columns) {
        const value = row[column];
        // A missing column would silently become NULL; rows must all name the same columns.
        if (value === undefined) throw new Error(`${table} ${row.id}: no value for ${column}`);
        values.push(value);
      }
    }
    const sql = statements.get(chunk.length) ?? statementFor(chunk.length);
    statements.set(chunk.length, sql);
    await tx.$executeRawUnsafe(sql, ...values);
    onProgress?.(model, start + chunk.length, data.length);
  }
}

/**
 * PostgreSQL's search triggers rebuild a statement's document on its insert and again on each
 * attestation's (a person's on each alias'), and a document costs a fraction of a millisecond.
 * So they are switched off for this transaction only (ALTER TABLE is transactional, and its lock
 * keeps other writers out until commit), and the returned function refreshes each affected
 * document once with the database's own search_refresh, the function the triggers call.
 */
async function deferSearchIndex(tx: Tx, rows: BulkRows): Promise<() => Promise<void>> {
  const affected = new Map<SearchKind, Set<number>>();
  const mark = (kind: SearchKind, id: number | null | undefined) => {
    if (id == null) return;
    const ids = affected.get(kind) ?? new Set<number>();
    affected.set(kind, ids.add(id));
  };
  // Which documents each table's trigger refreshes, as in the search_index migration.
  const documentsOf: Partial<Record<BulkModel, (row: Record<string, unknown>) => void>> = {
    person: (row) => mark('Person', row.id as number),
    country: (row) => mark('Country', row.id as number),
    organization: (row) => mark('Organization', row.id as number),
    statement: (row) => mark('Statement', row.id as number),
    meeting: (row) => mark('Meeting', row.id as number),
    source: (row) => mark('Source', row.id as number),
    alias: (row) => {
      mark('Person', row.personId as number | null);
      mark('Country', row.countryId as number | null);
      mark('Organization', row.organizationId as number | null);
    },
    attestation: (row) => {
      mark('Statement', row.statementId as number | null);
      mark('Meeting', row.meetingId as number | null);
    },
  };
  const tables: string[] = [];
  for (const model of bulkModels) {
    const documents = documentsOf[model];
    const data = (rows[model] ?? []) as Record<string, unknown>[];
    if (!documents || data.length === 0) continue;
    for (const row of data) documents(row);
    tables.push(tableOf(model));
  }
  for (const table of tables) {
    await tx.$executeRawUnsafe(`ALTER TABLE "${table}" DISABLE TRIGGER ${searchRefresh.trigger}`);
  }
  return async () => {
    for (const [kind, ids] of affected) {
      const list = [...ids];
      for (let start = 0; start < list.length; start += 50_000) {
        await tx.$executeRawUnsafe(
          `SELECT count(${searchRefresh.function}($1, id)) FROM unnest($2::int[]) AS affected(id)`,
          kind,
          list.slice(start, start + 50_000),
        );
      }
    }
    for (const table of tables) {
      await tx.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE TRIGGER ${searchRefresh.trigger}`);
    }
  };
}
