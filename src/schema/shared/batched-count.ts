// A connection's totalCount is counted only when a document asks for it, and then with one
// grouped query per request for all the parents that ask (a list of people each with its count).

type CountMany = (ids: number[]) => Promise<Map<number, number>>;
type Batch = { ids: Set<number>; counted: Promise<Map<number, number>> };

const pending = new WeakMap<object, Map<string, Batch>>();

/**
 * The count for `id`, batched with the other ids asked for under the same `key` (which must name
 * everything the count depends on besides the id) in this request's current tick.
 */
export function batchedCount(
  context: object,
  key: string,
  id: number,
  countMany: CountMany,
): Promise<number> {
  let batches = pending.get(context);
  if (!batches) {
    batches = new Map();
    pending.set(context, batches);
  }
  let batch = batches.get(key);
  if (!batch) {
    const ids = new Set<number>();
    const requestBatches = batches;
    const counted = new Promise<Map<number, number>>((resolve, reject) => {
      setImmediate(() => {
        requestBatches.delete(key);
        countMany([...ids]).then(resolve, reject);
      });
    });
    batch = { ids, counted };
    batches.set(key, batch);
  }
  batch.ids.add(id);
  return batch.counted.then((counts) => counts.get(id) ?? 0);
}

/** Rows of a Prisma `groupBy` with `_count: { _all: true }` as counts by the grouping column. */
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
