import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

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
