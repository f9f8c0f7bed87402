// Per-request batching (DataLoader): calls for the same key made while GraphQL resolves one list
// are answered by one load, so a field on every item of a page costs a constant number of queries
// instead of some per item.
import DataLoader from 'dataloader';

const loadersByContext = new WeakMap<object, Map<string, DataLoader<number, unknown>>>();

// The next macrotask, not DataLoader's default next tick: Pothos resolves a page's items over
// several promise turns, and all of them must land in one batch.
const afterPendingWork = (callback: () => void) => setImmediate(callback);

export function batched<R>(
  context: object,
  key: string,
  id: number,
  load: (ids: number[]) => Promise<Map<number, R>>,
): Promise<R | undefined> {
  let loaders = loadersByContext.get(context);
  if (!loaders) {
    loaders = new Map();
    loadersByContext.set(context, loaders);
  }
  let loader = loaders.get(key) as DataLoader<number, R | undefined> | undefined;
  if (!loader) {
    loader = new DataLoader<number, R | undefined>(
      async (ids) => {
        const results = await load([...new Set(ids)]);
        return ids.map((one) => results.get(one));
      },
      // No cache across batches: a mutation earlier in the request may have changed the rows.
      { batchScheduleFn: afterPendingWork, cache: false },
    );
    loaders.set(key, loader as DataLoader<number, unknown>);
  }
  return loader.load(id);
}

/** A count per id through `batched`: zero for an id the load found no rows for. */
export function countOf(
  context: object,
  key: string,
  id: number,
  load: (ids: number[]) => Promise<Map<number, number>>,
): Promise<number> {
  return batched(context, key, id, load).then((count) => count ?? 0);
}

/** Rows of a Prisma `groupBy` with `_count: { _all: true }`, as a `batched` load's counts by id. */
export function countsBy<K extends string>(
  rows: ({ [key in K]: number | null } & { _count: { _all: number } })[],
  column: K,
): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const id = row[column];
    if (id != null) counts.set(id, row._count._all);
  }
  return counts;
}
