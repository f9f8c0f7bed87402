// SQL that builds JSON, for PostgreSQL and SQLite. Values reach the SQL only as parameters;
// identifiers come from the schema's metadata and the datamodel, keys from the validated document.
import type { Provider } from '../db/provider.js';

/** A column and direction as Prisma's orderBy has it; `nulls` only where Prisma says so. */
export type OrderTerm = { column: string; direction: 'asc' | 'desc'; nulls?: 'first' | 'last' };

const graphqlName = /^[_A-Za-z][_0-9A-Za-z]*$/;

export class SqlBuilder {
  readonly params: unknown[] = [];
  private aliases = 0;

  constructor(readonly provider: Provider) {}

  param(value: unknown): string {
    this.params.push(value);
    return this.provider === 'postgresql' ? `$${this.params.length}` : `@p${this.params.length}`;
  }

  alias(): string {
    this.aliases++;
    return `t${this.aliases}`;
  }

  /** A JSON object of [key, value expression] pairs, in order. */
  object(pairs: [string, string][]): string {
    if (pairs.length === 0) return this.provider === 'postgresql' ? `'{}'::json` : `json('{}')`;
    const args = pairs.map(([key, value]) => `${this.key(key)}, ${value}`).join(', ');
    return this.provider === 'postgresql' ? `json_build_object(${args})` : `json_object(${args})`;
  }

  /** A scalar subquery whose one column is JSON (SQLite would return it as text). */
  subquery(select: string): string {
    return this.provider === 'postgresql' ? `(${select})` : `json((${select}))`;
  }

  /** The JSON array of `value` over the rows (those that pass `filter`), in `order`; [] when none. */
  array(value: string, order: string, filter?: string): string {
    const only = filter ? ` FILTER (WHERE ${filter})` : '';
    return this.provider === 'postgresql'
      ? `coalesce(json_agg(${value} ORDER BY ${order})${only}, '[]'::json)`
      : `coalesce(json_group_array(${value} ORDER BY ${order})${only}, json('[]'))`;
  }

  bool(condition: string): string {
    return this.provider === 'postgresql'
      ? `(${condition})`
      : `json(CASE WHEN ${condition} THEN 'true' ELSE 'false' END)`;
  }

  get false(): string {
    return this.provider === 'postgresql' ? 'false' : `json('false')`;
  }

  get true(): string {
    return this.provider === 'postgresql' ? 'true' : `json('true')`;
  }

  /** A JSON constant. */
  json(text: string): string {
    if (!/^"[\w:-]*"$/.test(text)) throw new Error(`unsafe JSON constant ${text}`);
    return this.provider === 'postgresql' ? `'${text}'::json` : `json('${text}')`;
  }

  /** JSON as text (SQLite's JSON is text already). */
  text(json: string): string {
    return this.provider === 'postgresql' ? `(${json})::text` : json;
  }

  least(a: string, b: string): string {
    return this.provider === 'postgresql' ? `least(${a}, ${b})` : `min(${a}, ${b})`;
  }

  /** base64 of `prefix` followed by the value: Relay global IDs and Pothos cursors. */
  base64(prefix: string, value: string): string {
    const text = `${this.literal(prefix)} || ${value}`;
    return this.provider === 'postgresql'
      ? `encode(convert_to(${text}, 'UTF8'), 'base64')`
      : `kb_base64(${text})`;
  }

  /** The first `length` characters of a date column as ISO text: 10 = day, 7 = month, 4 = year. */
  isoPrefix(column: string, length: 4 | 7 | 10): string {
    if (this.provider === 'sqlite') return `substr(${column}, 1, ${length})`;
    const format = length === 10 ? 'YYYY-MM-DD' : length === 7 ? 'YYYY-MM' : 'YYYY';
    return `to_char(${column}, '${format}')`;
  }

  /** The last day of the period a (date, precision) pair stands for, as YYYY-MM-DD. */
  lastDay(date: string, precision: string): string {
    if (this.provider === 'sqlite') {
      return `date(substr(${date}, 1, 10), CASE ${precision} WHEN 'MONTH' THEN '+1 month' WHEN 'YEAR' THEN '+1 year' ELSE '+0 days' END, CASE ${precision} WHEN 'DAY' THEN '+0 days' ELSE '-1 day' END)`;
    }
    return `to_char(CASE ${precision} WHEN 'MONTH' THEN ${date} + interval '1 month' - interval '1 day' WHEN 'YEAR' THEN ${date} + interval '1 year' - interval '1 day' ELSE ${date} END, 'YYYY-MM-DD')`;
  }

  /** A DateTime parameter in the form each database compares with its stored values. */
  instant(value: Date): string {
    const iso = value.toISOString();
    return this.param(
      this.provider === 'postgresql' ? iso.slice(0, 23) : iso.replace('Z', '+00:00'),
    );
  }

  orderBy(alias: string, terms: OrderTerm[]): string {
    return terms
      .map(
        ({ column, direction, nulls }) =>
          `${columnOf(alias, column)} ${direction.toUpperCase()}${nulls ? ` NULLS ${nulls.toUpperCase()}` : ''}`,
      )
      .join(', ');
  }

  literal(text: string): string {
    if (!graphqlName.test(text.replace(/:/g, ''))) throw new Error(`unsafe literal ${text}`);
    return `'${text}'`;
  }

  private key(name: string): string {
    if (!graphqlName.test(name)) throw new Error(`unsafe key ${name}`);
    return `'${name}'`;
  }
}

/** A quoted column of a table alias. */
export function columnOf(alias: string, column: string): string {
  return `${alias}."${column}"`;
}
