// Counts grouped by one or two dimensions, for charts: the rows (statements, their subjects,
// meetings, their participants) are grouped in the database by the columns the dimensions read,
// then each group's key is derived and equal keys merged.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Entity, type EntityTypeName, typed } from './entity.js';
import { badInput } from './errors.js';

export type EntityKeys = {
  personId?: number | null;
  countryId?: number | null;
  organizationId?: number | null;
};

type Named = object & { name: string; countryId?: number | null };

/** Loads the entities the keys name, one query per type. */
export async function entitiesOf(keys: EntityKeys[]): Promise<Map<string, Named>> {
  const ids = (column: keyof EntityKeys) => [
    ...new Set(keys.map((k) => k[column]).filter((id): id is number => id != null)),
  ];
  const [people, countries, organizations] = await Promise.all([
    db().person.findMany({ where: { id: { in: ids('personId') } } }),
    db().country.findMany({ where: { id: { in: ids('countryId') } } }),
    db().organization.findMany({ where: { id: { in: ids('organizationId') } } }),
  ]);
  const entries: [string, Named][] = [];
  const add = (rows: Named[] & { id: number }[], type: EntityTypeName) => {
    for (const row of rows) entries.push([`${type}:${row.id}`, typed(row, type)]);
  };
  add(people, 'Person');
  add(countries, 'Country');
  add(organizations, 'Organization');
  return new Map(entries);
}

export function keyOf(k: EntityKeys): string | null {
  if (k.personId != null) return `Person:${k.personId}`;
  if (k.countryId != null) return `Country:${k.countryId}`;
  if (k.organizationId != null) return `Organization:${k.organizationId}`;
  return null;
}

/** One dimension's value of a group. */
export type GroupValue = { key: string; label: string; entity: object | null };
export type Bucket = GroupValue & { count: number; groups: GroupValue[] };

export const unknownValue: GroupValue = { key: 'none', label: 'unknown', entity: null };

export function entityValue(keys: EntityKeys, entities: Map<string, Named>): GroupValue {
  const key = keyOf(keys);
  const entity = key ? entities.get(key) : undefined;
  if (!key || !entity) return unknownValue;
  return {
    key: encodeGlobalID(...(key.split(':') as [string, string])),
    label: entity.name,
    entity,
  };
}

/** The month ("2025-03") or year of a date, as precisely as it is known. */
export function periodValue(
  date: Date | null,
  precision: string | null,
  period: 'MONTH' | 'YEAR',
): GroupValue {
  if (!date || !precision) return { key: 'none', label: 'undated', entity: null };
  const iso = date.toISOString();
  const key = period === 'YEAR' || precision === 'YEAR' ? iso.slice(0, 4) : iso.slice(0, 7);
  return { key, label: key, entity: null };
}

export const plainValue = (value: string | null): GroupValue =>
  value == null ? unknownValue : { key: value, label: value, entity: null };

export const maxGroups = 500;

/** Merges rows' counts by their dimension values, and orders the groups for a chart. */
export function bucketsOf(
  rows: { values: GroupValue[]; count: number }[],
  timeDimensions: boolean[],
): Bucket[] {
  const merged = new Map<string, Bucket>();
  for (const { values, count } of rows) {
    const id = values.map((v) => v.key).join('\u0000');
    const bucket = merged.get(id) ?? { ...(values[0] ?? unknownValue), count: 0, groups: values };
    bucket.count += count;
    merged.set(id, bucket);
  }
  const totals = new Map<string, number>();
  for (const bucket of merged.values()) {
    totals.set(bucket.key, (totals.get(bucket.key) ?? 0) + bucket.count);
  }
  // Periods in calendar order (undated last); other values largest first, then by label.
  const compare = (a: GroupValue, b: GroupValue, i: number, countA: number, countB: number) =>
    timeDimensions[i]
      ? a.key === b.key
        ? 0
        : a.key === 'none'
          ? 1
          : b.key === 'none'
            ? -1
            : a.key.localeCompare(b.key)
      : countB - countA || a.label.localeCompare(b.label) || a.key.localeCompare(b.key);
  return [...merged.values()].sort((a, b) => {
    const [a0, a1] = a.groups as [GroupValue, GroupValue?];
    const [b0, b1] = b.groups as [GroupValue, GroupValue?];
    const first = compare(a0, b0, 0, totals.get(a0.key) ?? 0, totals.get(b0.key) ?? 0);
    if (first || !a1 || !b1) return first;
    return compare(a1, b1, 1, a.count, b.count);
  });
}

export function checkGroupLimit(first: number | null | undefined): number {
  const limit = first ?? 20;
  if (limit < 0 || limit > maxGroups) throw badInput('first', `must be between 0 and ${maxGroups}`);
  return limit;
}

export const GroupValueRef = builder.objectRef<GroupValue>('CountGroup').implement({
  description: "One dimension's value of a group of counts.",
  fields: (t) => ({
    key: t.string({
      description: 'The entity ID, the month ("2025-03") or year, the enum value, or "none".',
      resolve: (v) => v.key,
    }),
    label: t.string({
      description: 'A name, a period or a value, for display.',
      resolve: (v) => v.label,
    }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'The person, country or organization, when the dimension is one.',
      resolve: (v) => v.entity,
    }),
  }),
});
