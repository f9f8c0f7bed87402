import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

/** The largest row ID: PostgreSQL's `integer` columns hold no more (SQLite's IDs stay within it). */
export const maxRowId = 2_147_483_647;

/**
 * The row ID that the key of a global ID or cursor spells: a decimal integer from 1 to maxRowId,
 * else undefined. Checked before any SQL, so an ID out of the column's range is the client's error.
 */
export function rowIdOf(key: string): number | undefined {
  if (!/^[1-9]\d{0,9}$/.test(key)) return undefined;
  const id = Number(key);
  return id <= maxRowId ? id : undefined;
}

export type ModelName = 'Person' | 'Country' | 'Organization' | 'Statement' | 'Meeting' | 'Source';

/**
 * The database ID behind a global ID, which must name one of `types`; `argument` is how the
 * client wrote the argument (e.g. "filter.speaker"), so the error can point at it.
 */
export function decodeId<T extends ModelName>(
  globalId: string,
  types: readonly T[],
  argument: string,
): { type: T; id: number } {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    throw badInput(argument, `"${globalId}" is not a valid ID`);
  }
  const id = rowIdOf(decoded.id);
  if (!types.includes(decoded.typename as T) || id === undefined) {
    throw badInput(argument, `"${globalId}" is not the ID of a ${types.join(' or ')}`);
  }
  return { type: decoded.typename as T, id };
}
