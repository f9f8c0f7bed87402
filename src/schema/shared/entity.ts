import { normalizeName } from '../../shared/normalize-name.js';
import { builder } from '../builder.js';
import { badInput } from './errors.js';

export type EntityTypeName = 'Person' | 'Country' | 'Organization';

// Rows of different models look alike (Person and Organization share every shared column), so
// resolvers that return a polymorphic row record its GraphQL type here for resolveType.
const typenames = new WeakMap<object, EntityTypeName>();

export function typed<T extends object>(row: T, typename: EntityTypeName): T {
  typenames.set(row, typename);
  return row;
}

export function typenameOf(row: object): EntityTypeName {
  const typename = typenames.get(row);
  if (!typename) throw new Error('an entity row was returned without its type');
  return typename;
}

export const Entity = builder.interfaceRef<object>('Entity').implement({
  interfaces: [builder.nodeInterfaceRef()],
  description:
    'A person, country or organization: something that statements can be about and that can be named by aliases.',
  fields: (t) => ({
    name: t.string({ resolve: (row) => (row as { name: string }).name }),
    description: t.string({
      nullable: true,
      resolve: (row) => (row as { description: string | null }).description,
    }),
  }),
  resolveType: typenameOf,
});

export const ExternalIdRef = builder.prismaObject('ExternalId', {
  description: 'An identifier of this entity in another dataset, for crosswalks.',
  fields: (t) => ({
    scheme: t.exposeString('scheme', { description: 'The dataset, e.g. "wikidata".' }),
    value: t.exposeString('value'),
    url: t.string({
      nullable: true,
      description: 'Where the dataset shows this entity, when the scheme has a known address.',
      resolve: ({ scheme, value }) =>
        scheme === 'wikidata' ? `https://www.wikidata.org/wiki/${value}` : null,
    }),
  }),
});

const maxNameLength = 200;

/**
 * A Prisma condition matching entities whose name or one of whose aliases contains `name`,
 * ignoring case and accents.
 */
export function nameMatches(name: string | null | undefined, argument: string) {
  if (name == null) return undefined;
  const normalized = normalizeName(name);
  if (!normalized) throw badInput(argument, 'must not be empty');
  if (normalized.length > maxNameLength) {
    throw badInput(argument, `must be at most ${maxNameLength} characters`);
  }
  return {
    OR: [
      { normalizedName: { contains: normalized } },
      { aliases: { some: { normalizedName: { contains: normalized } } } },
    ],
  };
}

export const EntityOrderEnum = builder.enumType('EntityOrder', {
  values: {
    RECORDED: { description: 'In the order they were recorded (the default).' },
    NAME: { description: 'Alphabetically by name (case and accents ignored).' },
  } as const,
});

/** Prisma ordering for people and organizations; the ID keeps pages stable on equal names. */
export function entityOrderBy(order: 'RECORDED' | 'NAME' | null | undefined) {
  return order === 'NAME'
    ? [{ normalizedName: 'asc' as const }, { id: 'asc' as const }]
    : [{ id: 'asc' as const }];
}
