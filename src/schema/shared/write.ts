// What every mutation shares: the role check, one transaction with an audit trail, typed errors
// for bad input, and decoding of the IDs in the input.
import { decodeGlobalID } from '@pothos/plugin-relay';
import { z } from 'zod';
import { asConflict, type Model, type Rows, Writer } from '../../audit/writer.js';
import { type AccessRole, hasRole, type Viewer } from '../../auth/api-keys.js';
import type { Context } from '../../context.js';
import { db } from '../../db/client.js';
import { transaction } from '../../db/transaction.js';
import { publishCommitted } from '../../events/changes.js';
import { normalizeName } from '../../shared/normalize-name.js';
import { lastDayOf, parsePartialDate } from '../../shared/partial-date.js';
import { AuthorizationError, invalid, NotFoundError, ValidationError } from './errors.js';
import { rowIdOf } from './ids.js';

export function authorize(viewer: Viewer, role: AccessRole) {
  if (hasRole(viewer, role)) return;
  if (viewer.kind === 'anonymous') {
    throw new AuthorizationError(
      viewer.problem
        ? `writing needs a valid API key: ${viewer.problem}`
        : 'writing needs an API key: send "Authorization: Bearer <key>"',
    );
  }
  throw new AuthorizationError(
    `this needs the ${role} role; the key "${viewer.name}" has the ${viewer.role} role`,
  );
}

/** Runs `work` in one transaction as the viewer, who needs `role`; any failure changes nothing. */
export async function write<T>(
  context: Context,
  via: string,
  role: AccessRole,
  work: (writer: Writer) => Promise<T>,
): Promise<T> {
  authorize(context.viewer, role);
  const viewer = context.viewer as Extract<Viewer, { kind: 'key' }>;
  const actor = { name: viewer.name, apiKeyId: viewer.apiKeyId };
  let writer: Writer | undefined;
  let result: T;
  try {
    result = await transaction(
      db(),
      (tx) => {
        writer = new Writer(tx, actor, via);
        return work(writer);
      },
      30_000,
    );
  } catch (error) {
    throw asConflict(error) ?? error;
  }
  if (writer) publishCommitted(writer.changes);
  return result;
}

/** Validates `input` with zod; every issue becomes a field issue under `path`. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  path = ['input'],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: [...path, ...issue.path.map(String)],
      message: issue.message,
    })),
  );
}

/** The row ID behind a global ID of one of `types`; a malformed or foreign ID is a field issue. */
export function rowId<T extends Model>(
  globalId: string,
  types: readonly T[],
  path: string[],
): { type: T; id: number } {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {}
  const id = decoded && rowIdOf(decoded.id);
  if (!decoded || !types.includes(decoded.typename as T) || id === undefined) {
    throw invalid(path, `"${globalId}" is not the ID of a ${types.join(' or ')}`);
  }
  return { type: decoded.typename as T, id };
}

/** Like rowId, and the row must exist. */
export async function existing<T extends Model>(
  writer: Writer,
  globalId: string,
  types: readonly T[],
  path: string[],
) {
  const ref = rowId(globalId, types, path);
  const row = await writer.delegate(ref.type).findUnique({ where: { id: ref.id } });
  if (!row) throw new NotFoundError(path, globalId);
  return { ...ref, row: row as unknown as Rows[T] };
}

// Field rules shared by the inputs.
export const nameField = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
export const textField = z.string().trim().min(1, 'must not be empty');
export const descriptionField = z.string().trim().max(2000).nullish();
export const confidenceField = z.number().min(0, 'must be 0 to 1').max(1, 'must be 0 to 1');
export const partialDateField = z
  .string()
  .refine((v) => parsePartialDate(v) !== null, 'must be a real date: YYYY, YYYY-MM or YYYY-MM-DD')
  .nullish();

/** The (date, precision) columns of an optional partial date; undefined leaves them alone. */
export function dateColumns(
  value: string | null | undefined,
  dateField: string,
  precision: string,
) {
  if (value === undefined) return {};
  const parsed = value === null ? null : parsePartialDate(value);
  return { [dateField]: parsed?.date ?? null, [precision]: parsed?.precision ?? null };
}

/** Fails when the period `end` stands for ends before `start` begins. */
export function checkOrder(
  start: string | null | undefined,
  end: string | null | undefined,
  path: string[],
) {
  const from = start ? parsePartialDate(start) : null;
  const to = end ? parsePartialDate(end) : null;
  if (from && to && lastDayOf(to) < from.date)
    throw invalid(path, `ends before it starts (${start})`);
}

export const named = (name: string) => ({ name, normalizedName: normalizeName(name) });

/** Drops the keys whose value is undefined: an omitted input field leaves its column alone. */
export function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** Reads the row again inside the transaction with the selection the client asked for. */
export async function withQuery<M extends Model>(
  writer: Writer,
  model: M,
  query: object,
  row: { id: number } | Promise<{ id: number }>,
): Promise<Rows[M]> {
  const { id } = await row;
  // A payload whose fields are not asked for yields `select: {}`, which Prisma refuses.
  const { select } = query as { select?: object };
  const selection = select && Object.keys(select).length === 0 ? {} : query;
  const found = await writer.delegate(model).findUnique({ ...selection, where: { id } });
  if (!found) throw new Error(`${model} ${id} vanished inside its own transaction`);
  return found as unknown as Rows[M];
}
