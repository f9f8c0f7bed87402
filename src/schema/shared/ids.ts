import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

/** The types whose global IDs `node` and `nodes` accept. */
export const nodeTypes: ReadonlySet<string> = new Set([
  'Person',
  'Country',
  'Organization',
  'Role',
  'Statement',
  'Meeting',
  'Source',
  'Attestation',
  'Change',
]);

/** A row id as global IDs and cursors carry it. */
export const rowIdPattern = /^[1-9]\d{0,15}$/;

/** What Pothos's cursor for a numeric `id` is the base64 of, before the id: `GPC:N:`. */
export const idCursorPrefix = (() => {
  const text = Buffer.from(formatPrismaCursor({ id: 7 }, 'id'), 'base64').toString('utf8');
  if (!text.endsWith(':7')) throw new Error(`unexpected Pothos cursor format ${text}`);
  return text.slice(0, -1);
})();

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
  const id = Number(decoded.id);
  if (!types.includes(decoded.typename as T) || !Number.isSafeInteger(id)) {
    throw badInput(argument, `"${globalId}" is not the ID of a ${types.join(' or ')}`);
  }
  return { type: decoded.typename as T, id };
}
