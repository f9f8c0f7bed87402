// What an operation's filters need from the database before they can be built as plain Prisma
// conditions: the entities its names may mean, the rows its texts match. Fetched once per
// operation before it runs (src/plugins/filter-lookups.ts) and read here while it runs.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityTypeName } from './entity.js';

export type NameCandidate = { type: EntityTypeName; id: number; name: string; exact: boolean };

export type Lookups = {
  /** By normalized name: every entity whose name or alias contains it. */
  names: Map<string, NameCandidate[]>;
  /** By text key (kind and query): the matching rows' IDs and ranks. */
  texts: Map<string, Map<number, number>>;
};

const store = new AsyncLocalStorage<Lookups>();

export function withLookups<T>(lookups: Lookups, fn: () => T): T {
  return store.run(lookups, fn);
}

/** The lookups of the operation running; a missing one is a bug in the plugin, not the input. */
export function lookedUp<K extends keyof Lookups>(
  kind: K,
  key: string,
): NonNullable<ReturnType<Lookups[K]['get']>> {
  const found = store.getStore()?.[kind].get(key);
  if (!found) throw new Error(`"${key}" was not looked up before the operation ran`);
  return found as NonNullable<ReturnType<Lookups[K]['get']>>;
}
