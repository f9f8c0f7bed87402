// The schema's own Prisma arguments (orderBy, where) in SQL, so that compiled reads order and
// filter by the same objects the resolvers pass to Prisma, not by a second description of them.
// Column conditions and conditions on a required to-one relation are translated; other relation
// filters (some, every…) and operators are Unsupported.
import { modelField } from './derive.js';
import { columnOf, type OrderTerm, type SqlBuilder } from './sql.js';
import { Unsupported } from './unsupported.js';

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

/**
 * A Prisma where on the rows of `model` under `alias`: AND, OR, NOT, comparisons of its columns
 * with values, and conditions on a required to-one relation (as EXISTS).
 */
export function whereSql(where: unknown, model: string, alias: string, sql: SqlBuilder): string {
  if (!isRecord(where)) throw new Unsupported('where');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      const items = (Array.isArray(value) ? value : [value]).map((item) =>
        whereSql(item, model, alias, sql),
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
        parts.push(`NOT (${whereSql(item, model, alias, sql)})`);
      }
    } else {
      const field = modelField(model, key);
      if (field?.kind === 'object' && field.isRequired && !field.isList && isRelationWhere(value)) {
        // A required to-one relation always exists; the condition is on its row.
        const [reference] = field.relationFromFields ?? [];
        if (!reference || field.relationFromFields?.length !== 1) throw new Unsupported(key);
        const related = sql.alias();
        parts.push(
          `EXISTS (SELECT 1 FROM "${field.type}" ${related} WHERE ${related}.id = ${columnOf(alias, reference)} AND ${whereSql(value, field.type, related, sql)})`,
        );
      } else if (field?.kind === 'scalar' || field?.kind === 'enum') {
        parts.push(...columnConditions(columnOf(alias, key), value, sql));
      } else {
        throw new Unsupported(`where ${key}`);
      }
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

/** A relation condition written as the related row's where (not `is`, `isNot`, …). */
function isRelationWhere(value: unknown): boolean {
  return isRecord(value) && !['is', 'isNot'].some((key) => key in value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
