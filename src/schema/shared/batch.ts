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
