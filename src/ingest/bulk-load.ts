// Loads large sets of already-keyed rows (explicit ids, links given as ids) with createMany in
// chunks, in one transaction: no matching against what is stored and no round trip per row, so
// it suits generated or restored datasets that the article import would take hours over.
// No Change rows are written: a bulk load is an administrative load, like a restore, and undo
// could not replay a summary row; callers record provenance themselves if they need it.
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import type { Database } from '../db/client.js';
import type { Provider } from '../db/provider.js';
import { type SearchKind, searchRefresh } from '../db/search-index.js';

type Keyed<Row> = Row & { id: number };

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

// Bound parameters one statement may carry (SQLite's SQLITE_MAX_VARIABLE_NUMBER since 3.32,
// PostgreSQL's protocol limit); Prisma splits further where its own limit is lower.
const maxParameters: Record<Provider, number> = { sqlite: 32_766, postgresql: 65_535 };
// Prisma compiles each createMany whole; past a few thousand rows a call costs more per row.
const maxChunkRows = 2_000;

/** Rows per createMany call: as many as fit in one statement's parameters, up to 2,000. */
export function chunkRows(provider: Provider, columns: number): number {
  return Math.max(1, Math.min(maxChunkRows, Math.floor(maxParameters[provider] / columns)));
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

type CreateMany = { createMany(args: { data: object[] }): Promise<{ count: number }> };
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

async function insertChunks(
  tx: Tx,
  provider: Provider,
  model: BulkModel,
  data: object[],
  onProgress: BulkLoadOptions['onProgress'],
) {
  const delegate = (tx as unknown as Record<BulkModel, CreateMany>)[model];
  // Rows of one model are written with the same columns, so the first one sizes the chunks.
  const size = chunkRows(provider, Object.keys(data[0] as object).length);
  // On PostgreSQL, Prisma compiles the next chunk while the server inserts the current one;
  // SQLite's driver works on this thread, so nothing would overlap.
  const window = provider === 'postgresql' ? 2 : 1;
  const pending: Promise<unknown>[] = [];
  for (let start = 0; start < data.length; start += size) {
    const loaded = Math.min(start + size, data.length);
    const insert = delegate
      .createMany({ data: data.slice(start, start + size) })
      .then(() => onProgress?.(model, loaded, data.length));
    // A failure surfaces through the await below; this only keeps it from going unhandled.
    insert.catch(() => {});
    pending.push(insert);
    if (pending.length >= window) await pending.shift();
  }
  await Promise.all(pending);
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
