// Every write to the knowledge goes through a Writer, inside one transaction: it checks
// versions (optimistic concurrency) and records each changed row in the audit trail (Change).
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../prisma/generated/sqlite/client/client.js';
import { ConflictError, NotFoundError } from '../schema/shared/errors.js';

export type Tx = Prisma.TransactionClient;

export type Actor = { name: string; apiKeyId: number | null };

export const systemActor: Actor = { name: 'system', apiKeyId: null };

export type Rows = {
  Country: Prisma.CountryModel;
  Person: Prisma.PersonModel;
  Organization: Prisma.OrganizationModel;
  Role: Prisma.RoleModel;
  Source: Prisma.SourceModel;
  Statement: Prisma.StatementModel;
  Meeting: Prisma.MeetingModel;
  Alias: Prisma.AliasModel;
  ExternalId: Prisma.ExternalIdModel;
  StatementSubject: Prisma.StatementSubjectModel;
  MeetingParticipant: Prisma.MeetingParticipantModel;
  Attestation: Prisma.AttestationModel;
  Redirect: Prisma.RedirectModel;
  StatementRelation: Prisma.StatementRelationModel;
};

export type Model = keyof Rows;

export type Row = { id: number; version?: number } & Record<string, unknown>;

/** The node a change concerns: the row itself, or the entity a link row belongs to. */
export type Target = { type: string; id: number };

// The delegates share these methods; one signature lets the writer treat every model alike.
type Delegate = {
  findMany(args: { where: Record<string, unknown>; orderBy?: { id: 'asc' } }): Promise<Row[]>;
  findUnique(args: { where: { id: number } } & Record<string, unknown>): Promise<Row | null>;
  create(args: { data: Record<string, unknown> }): Promise<Row>;
  update(args: { where: { id: number }; data: Record<string, unknown> }): Promise<Row>;
  updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<{
    count: number;
  }>;
  delete(args: { where: { id: number } }): Promise<Row>;
};

/** One recorded change, kept until the transaction commits (then published as events). */
export type RecordedChange = {
  action: 'CREATE' | 'UPDATE' | 'DELETE';
  model: Model;
  entityType: string;
  entityId: number;
  row: Row;
};

export class Writer {
  readonly operation = randomUUID();
  readonly changes: RecordedChange[] = [];

  constructor(
    readonly tx: Tx,
    readonly actor: Actor,
    readonly via: string,
  ) {}

  delegate(model: Model): Delegate {
    const name = model.charAt(0).toLowerCase() + model.slice(1);
    return (this.tx as unknown as Record<string, Delegate>)[name] as Delegate;
  }

  async create<M extends Model>(
    model: M,
    data: Record<string, unknown>,
    target?: Target,
  ): Promise<Rows[M]> {
    const row = await this.delegate(model).create({ data });
    await this.record('CREATE', model, row.id, target, null, row);
    return row as unknown as Rows[M];
  }

  /**
   * Updates a row whose version is still `expectedVersion` (when given) and bumps its version;
   * the condition sits in the UPDATE itself, so a concurrent writer cannot slip in between.
   */
  async update<M extends Model>(
    model: M,
    id: number,
    data: Record<string, unknown>,
    options: { expectedVersion?: number; path?: string[]; target?: Target } = {},
  ): Promise<Rows[M]> {
    const before = await this.find(model, id, options.path);
    const versioned = typeof before.version === 'number';
    if (options.expectedVersion !== undefined && before.version !== options.expectedVersion) {
      throw stale(model, id, before.version ?? null);
    }
    const { count } = await this.delegate(model).updateMany({
      where: versioned ? { id, version: before.version } : { id },
      data: versioned ? { ...data, version: { increment: 1 } } : data,
    });
    const after = await this.delegate(model).findUnique({ where: { id } });
    if (count !== 1 || !after) throw stale(model, id, after?.version ?? null);
    await this.record('UPDATE', model, id, options.target, before, after);
    return after as unknown as Rows[M];
  }

  async delete<M extends Model>(
    model: M,
    id: number,
    options: { expectedVersion?: number; path?: string[]; target?: Target } = {},
  ): Promise<Rows[M]> {
    const before = await this.find(model, id, options.path);
    if (options.expectedVersion !== undefined && before.version !== options.expectedVersion) {
      throw stale(model, id, before.version ?? null);
    }
    await this.delegate(model).delete({ where: { id } });
    await this.record('DELETE', model, id, options.target, before, null);
    return before as unknown as Rows[M];
  }

  /** Deletes, one audited row at a time, the rows of `model` whose `field` is `id`. */
  async deleteWhere(model: Model, where: Record<string, unknown>, target?: Target) {
    const rows = await this.delegate(model).findMany({ where, orderBy: { id: 'asc' } });
    for (const row of rows) await this.delete(model, row.id, { target });
  }

  async find(model: Model, id: number, path: string[] = ['id']): Promise<Row> {
    const row = await this.delegate(model).findUnique({ where: { id } });
    if (!row)
      throw new NotFoundError(path, `${model} ${id}`, `${path.join('.')}: no such ${model}`);
    return row;
  }

  async record(
    action: 'CREATE' | 'UPDATE' | 'DELETE',
    model: Model,
    rowId: number,
    target: Target | undefined,
    before: Row | null,
    after: Row | null,
  ) {
    const row = (after ?? before) as Row;
    const entity = entityOf(model, rowId, target, row);
    await this.tx.change.create({
      data: {
        actor: this.actor.name,
        apiKeyId: this.actor.apiKeyId,
        via: this.via,
        operation: this.operation,
        ...entity,
        model,
        rowId,
        action,
        before: before && JSON.stringify(before),
        after: after && JSON.stringify(after),
      },
    });
    this.changes.push({ action, model, ...entity, row });
  }
}

function stale(model: Model, id: number, currentVersion: number | null) {
  return new ConflictError(
    `${model} ${id} was changed by someone else (now at version ${currentVersion}); reload it and retry`,
    currentVersion,
  );
}

/** Prisma's unique-constraint and write-conflict errors, as typed conflicts. */
export function asConflict(error: unknown): ConflictError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === 'P2002') {
    const target = (error as { meta?: { target?: unknown } }).meta?.target;
    return new ConflictError(
      `this would duplicate an existing row${target ? ` (${String(target)})` : ''}`,
    );
  }
  if (code === 'P2034' || /SQLITE_BUSY|database is locked/.test(String(error))) {
    return new ConflictError('another change to the same rows happened at the same time; retry');
  }
  return undefined;
}

/** The node a row belongs to: a link row (alias, subject, ...) counts as a change of its owner. */
function entityOf(model: Model, rowId: number, target: Target | undefined, row: Row) {
  if (target) return { entityType: target.type, entityId: target.id };
  const owners: [string, string][] =
    model === 'Alias' || model === 'ExternalId'
      ? [
          ['Person', 'personId'],
          ['Country', 'countryId'],
          ['Organization', 'organizationId'],
        ]
      : model === 'StatementSubject' || model === 'StatementRelation'
        ? [['Statement', 'statementId']]
        : model === 'MeetingParticipant'
          ? [['Meeting', 'meetingId']]
          : model === 'Attestation'
            ? [
                ['Statement', 'statementId'],
                ['Meeting', 'meetingId'],
              ]
            : [];
  for (const [type, column] of owners) {
    const id = row[column];
    if (typeof id === 'number') return { entityType: type, entityId: id };
  }
  return { entityType: model, entityId: rowId };
}

const versioned = new Set<Model>([
  'Country',
  'Person',
  'Organization',
  'Role',
  'Source',
  'Statement',
  'Meeting',
]);

const models = new Set<string>([
  'country',
  'person',
  'organization',
  'role',
  'source',
  'statement',
  'meeting',
  'alias',
  'externalId',
  'statementSubject',
  'meetingParticipant',
  'attestation',
  'redirect',
  'statementRelation',
]);

/**
 * The writer's transaction client, whose create and update calls (with a `where: { id }`) are
 * recorded in the audit trail: for code such as the importer that writes through Prisma directly.
 */
export function audited(writer: Writer): Tx {
  return new Proxy(writer.tx, {
    get(tx, property, receiver) {
      const value = Reflect.get(tx, property, receiver);
      if (typeof property !== 'string' || !models.has(property)) return value;
      const model = (property.charAt(0).toUpperCase() + property.slice(1)) as Model;
      const delegate = value as Delegate;
      return new Proxy(delegate, {
        get(target, method, inner) {
          if (method === 'create') {
            return async (args: { data: Record<string, unknown> }) => {
              const row = await target.create(args);
              await writer.record('CREATE', model, row.id, undefined, null, row);
              return row;
            };
          }
          if (method === 'update') {
            return async (args: { where: { id: number }; data: Record<string, unknown> }) => {
              const before = await target.findUnique({ where: args.where });
              const data = versioned.has(model)
                ? { ...args.data, version: { increment: 1 } }
                : args.data;
              const after = await target.update({ ...args, data });
              await writer.record('UPDATE', model, after.id, undefined, before, after);
              return after;
            };
          }
          return Reflect.get(target, method, inner);
        },
      });
    },
  });
}
