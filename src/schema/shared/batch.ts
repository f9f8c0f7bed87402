// Per-request batching: calls for the same key made while GraphQL resolves one list (the same
// tick) are answered by one load, so a field on every item of a page costs a constant number of
// queries instead of some per item.
type Batch<R> = { ids: number[]; result: Promise<Map<number, R>> };

const batchesByContext = new WeakMap<object, Map<string, Batch<unknown>>>();

export function batched<R>(
  context: object,
  key: string,
  id: number,
  load: (ids: number[]) => Promise<Map<number, R>>,
): Promise<R | undefined> {
  let batches = batchesByContext.get(context);
  if (!batches) {
    batches = new Map();
    batchesByContext.set(context, batches);
  }
  let batch = batches.get(key) as Batch<R> | undefined;
  if (!batch) {
    const ids: number[] = [];
    const open = batches;
    const result = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      open.delete(key);
      return load([...new Set(ids)]);
    });
    batch = { ids, result };
    batches.set(key, batch as Batch<unknown>);
  }
  batch.ids.push(id);
  return batch.result.then((results) => results.get(id));
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
