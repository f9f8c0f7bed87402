// The schema's own Prisma arguments (orderBy, where) in SQL, so that compiled reads order and
// filter by the same objects the resolvers pass to Prisma, not by a second description of them.
// Only plain column conditions are translated; relation filters and the like are Unsupported.
import { columnOf, type OrderTerm, type SqlBuilder } from './sql.js';

/** What the compiler does not translate: the resolvers execute the operation instead. */
export class Unsupported extends Error {}

type Direction = 'asc' | 'desc';

/** A Prisma orderBy (one term or a list; a term is `{ column: 'asc' }` or `{ column: { sort, nulls } }`). */
export function orderTerms(orderBy: unknown): OrderTerm[] {
  return (Array.isArray(orderBy) ? orderBy : [orderBy]).map((term: unknown) => {
    const entries = isRecord(term) ? Object.entries(term) : [];
    const [entry] = entries;
    if (!entry || entries.length !== 1) throw new Unsupported('orderBy');
    const [column, value] = entry;
    if (value === 'asc' || value === 'desc') return { column, direction: value };
    if (isRecord(value) && (value.sort === 'asc' || value.sort === 'desc')) {
      const nulls = value.nulls === 'first' || value.nulls === 'last' ? value.nulls : undefined;
      return { column, direction: value.sort as Direction, ...(nulls ? { nulls } : {}) };
    }
    throw new Unsupported('orderBy');
  });
}

const comparisons: Record<string, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=', equals: '=' };

/** A Prisma where on the rows under `alias`: AND, OR, NOT and comparisons of columns with values. */
export function whereSql(where: unknown, alias: string, sql: SqlBuilder): string {
  if (!isRecord(where)) throw new Unsupported('where');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      const items = (Array.isArray(value) ? value : [value]).map((item) =>
        whereSql(item, alias, sql),
      );
      if (key === 'AND') {
        parts.push(...items);
      } else {
        // What an empty OR matches is Prisma's to say (every row, in Prisma 7).
        if (!items.length) throw new Unsupported('empty OR');
        parts.push(items.map((item) => `(${item})`).join(' OR '));
      }
    } else if (key === 'NOT') {
      for (const item of Array.isArray(value) ? value : [value]) {
        parts.push(`NOT (${whereSql(item, alias, sql)})`);
      }
    } else {
      parts.push(...columnConditions(columnOf(alias, key), value, sql));
    }
  }
  return parts.length ? parts.map((part) => `(${part})`).join(' AND ') : 'TRUE';
}

function columnConditions(column: string, value: unknown, sql: SqlBuilder): string[] {
  if (value === null) return [`${column} IS NULL`];
  if (!isRecord(value) || value instanceof Date) return [`${column} = ${parameter(value, sql)}`];
  return Object.entries(value).map(([operator, operand]) => {
    const comparison = comparisons[operator];
    // Relation filters (some, every…), `not`, `in`, text modes: the resolvers' to run.
    if (!comparison || operand === null) throw new Unsupported(`where ${operator}`);
    return `${column} ${comparison} ${parameter(operand, sql)}`;
  });
}

function parameter(value: unknown, sql: SqlBuilder): string {
  if (value instanceof Date) return sql.instant(value);
  if (typeof value === 'string' || typeof value === 'number') return sql.param(value);
  throw new Unsupported('where value');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
