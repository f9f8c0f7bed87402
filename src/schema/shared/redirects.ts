// A merged-away entity's ID keeps resolving: node(id:) follows its redirect to the survivor.
import { db } from '../../db/client.js';

type GlobalId = { typename: string; id: string };

const redirectable = new Set(['Person', 'Country', 'Organization']);

/** The ID the entity was merged into (following chains of merges), or null. */
export async function redirectOf({ typename, id }: GlobalId): Promise<GlobalId | null> {
  if (!redirectable.has(typename)) return null;
  let current = Number(id);
  // Merges cannot form a cycle (the survivor exists, the duplicate does not); the bound is a guard.
  for (let hop = 0; hop < 20; hop++) {
    const redirect = await db().redirect.findUnique({
      where: { entityType_fromId: { entityType: typename, fromId: current } },
    });
    if (!redirect) break;
    current = redirect.toId;
  }
  return current === Number(id) ? null : { typename, id: String(current) };
}
