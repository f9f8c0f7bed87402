// Keyset pages for root connections ordered by one column, undated rows last, then by id. A page
// after a cursor starts where the cursor's row sits in the (column, id) index. Prisma's own cursor
// pages for such an order read every row after the cursor and keep the first few.

export type KeysetOrder = { column: string; direction: 'asc' | 'desc'; nullable: boolean };

type Page = { take?: number; skip?: number; cursor?: { id?: number } };
type Delegate = {
  findMany(args: object): Promise<object[]>;
  findUnique(args: object): Promise<Record<string, unknown> | null>;
};

/** Prisma's orderBy for `order`, undated (null) rows last on both databases. */
export function keysetOrderBy({ column, direction, nullable }: KeysetOrder) {
  return [
    { [column]: nullable ? { sort: direction, nulls: 'last' as const } : direction },
    { id: direction },
  ];
}

/**
 * The page `query` (Pothos's, with Prisma's `take`, `skip` and `cursor`) asks for. Backward pages
 * keep Prisma's own cursor (rarely deep); forward pages after a cursor go by key.
 */
export async function keysetPage<T>(
  delegate: unknown,
  query: Page & Record<string, unknown>,
  where: object,
  order: KeysetOrder,
): Promise<T[]> {
  const model = delegate as Delegate;
  const orderBy = keysetOrderBy(order);
  const { cursor, skip: _skip, take, ...selection } = query;
  if (cursor?.id === undefined || take === undefined || take < 0) {
    return (await model.findMany({ ...query, where, orderBy })) as T[];
  }
  const { column, direction } = order;
  const anchor = await model.findUnique({
    where: { id: cursor.id },
    select: { id: true, [column]: true },
  });
  if (!anchor) return [];
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  const rows: object[] = [];
  const value = anchor[column];
  if (value != null) {
    // The column bound is what the index range starts from; nulls are excluded by it, so a plain
    // direction orders them the same on both databases and lets the index give the order.
    rows.push(
      ...(await model.findMany({
        ...selection,
        take,
        orderBy: [{ [column]: direction }, { id: direction }],
        where: {
          AND: [
            where,
            { [column]: { [direction === 'asc' ? 'gte' : 'lte']: value } },
            { OR: [{ [column]: { [beyond]: value } }, { id: { [beyond]: anchor.id } }] },
          ],
        },
      })),
    );
  }
  if (rows.length < take && order.nullable) {
    rows.push(
      ...(await model.findMany({
        ...selection,
        take: take - rows.length,
        orderBy: { id: direction },
        where: {
          AND: [where, { [column]: null }, value == null ? { id: { [beyond]: anchor.id } } : {}],
        },
      })),
    );
  }
  return rows as T[];
}
