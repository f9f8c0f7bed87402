import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import { db } from '../../db/client.js';
import { batched } from './batch.js';

export type RowKind = 'Person' | 'Country' | 'Organization' | 'Statement' | 'Meeting' | 'Source';

// Rows of different models look alike, so each polymorphic result row carries its type here.
const kinds = new WeakMap<object, RowKind>();

export function kindOfRow(row: object): RowKind {
  const kind = kinds.get(row);
  if (!kind) throw new Error('a polymorphic result row was returned without its type');
  return kind;
}

/** Records the type of a row returned through a union or interface. */
export function markKind<T extends object>(row: T, kind: RowKind): T {
  kinds.set(row, kind);
  return row;
}

function findMany(kind: RowKind, args: object): Promise<{ id: number }[]> {
  switch (kind) {
    case 'Person':
      return db().person.findMany(args);
    case 'Country':
      return db().country.findMany(args);
    case 'Organization':
      return db().organization.findMany(args);
    case 'Statement':
      return db().statement.findMany(args);
    case 'Meeting':
      return db().meeting.findMany(args);
    case 'Source':
      return db().source.findMany(args);
  }
}

/**
 * Loads the rows `refs` name for a connection of a union, one query per kind, each with what the
 * operation selects under `... on <kind>` at `edges.node`; keyed "<kind>:<id>".
 */
export async function loadByKind(
  refs: { kind: RowKind; id: number }[],
  context: object,
  info: GraphQLResolveInfo,
): Promise<Map<string, object>> {
  const byKind = new Map<RowKind, number[]>();
  for (const ref of refs) byKind.set(ref.kind, [...(byKind.get(ref.kind) ?? []), ref.id]);
  const loaded = await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const query = queryFromInfo({ context, info, typeName: kind, path: ['edges', 'node'] });
      const rows = await findMany(kind, { ...query, where: { id: { in: [...new Set(ids)] } } });
      return rows.map((row) => {
        kinds.set(row, kind);
        return [`${kind}:${row.id}`, row] as const;
      });
    }),
  );
  return new Map(loaded.flat());
}

/**
 * `loadByKind` for a field on every item of a list: the rows of all items are loaded together,
 * one query per kind. `key` names the field and its arguments, so that only calls sharing a
 * selection are batched.
 */
export async function loadByKindBatched(
  key: string,
  refs: { kind: RowKind; id: number }[],
  context: object,
  info: GraphQLResolveInfo,
): Promise<Map<string, object>> {
  const rows = await Promise.all(
    refs.map((ref) =>
      batched(context, `${key}:${ref.kind}`, ref.id, async (ids) => {
        const loaded = await loadByKind(
          ids.map((id) => ({ kind: ref.kind, id })),
          context,
          info,
        );
        return new Map([...loaded].map(([k, row]) => [Number(k.split(':')[1]), row]));
      }),
    ),
  );
  return new Map(
    refs.flatMap((ref, index) => {
      const row = rows[index];
      return row ? [[`${ref.kind}:${ref.id}`, row] as const] : [];
    }),
  );
}
