import { badInput } from './errors.js';

export type Combinable<F> = { AND?: F[] | null; OR?: F[] | null; NOT?: F | null };

const maxDepth = 5;
const maxListLength = 20;

/**
 * A Prisma condition for a filter with AND/OR/NOT: `own` turns one level's plain fields into
 * conditions; the combinators recurse, bounded so that a request cannot build a huge query.
 */
export function combine<F extends Combinable<F>>(
  filter: F | null | undefined,
  own: (filter: F, path: string) => object[],
  path = 'filter',
  depth = 0,
): { AND: object[] } {
  if (!filter) return { AND: [] };
  if (depth > maxDepth) throw badInput(path, `must not nest AND/OR/NOT deeper than ${maxDepth}`);
  const conditions = own(filter, path);
  const list = (items: F[], key: string) => {
    if (items.length > maxListLength) {
      throw badInput(`${path}.${key}`, `must have at most ${maxListLength} items`);
    }
    return items.map((item, index) => combine(item, own, `${path}.${key}[${index}]`, depth + 1));
  };
  if (filter.AND) conditions.push(...list(filter.AND, 'AND'));
  if (filter.OR) conditions.push({ OR: list(filter.OR, 'OR') });
  if (filter.NOT) conditions.push({ NOT: combine(filter.NOT, own, `${path}.NOT`, depth + 1) });
  return { AND: conditions };
}

/** The items of an any-of / all-of list, bounded. */
export function boundedList<T>(items: readonly T[] | null | undefined, argument: string): T[] {
  if (!items) return [];
  if (items.length === 0) throw badInput(argument, 'must not be empty');
  if (items.length > maxListLength) {
    throw badInput(argument, `must have at most ${maxListLength} items`);
  }
  return [...items];
}

/** A Prisma condition no row meets: what a filter naming an unknown entity matches. */
export const matchesNothing = { id: { in: [] as number[] } };
