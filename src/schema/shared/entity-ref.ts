// A person, country or organization named in a filter by ID or by name. Names are looked up once
// per operation before it executes (src/plugins/filter-lookups.ts), so that filters stay plain
// synchronous Prisma conditions wherever they are built (resolvers, linked connections, compiled
// reads).
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { db } from '../../db/client.js';
import { normalizeName } from '../../shared/normalize-name.js';
import { builder } from '../builder.js';
import type { EntityTypeName } from './entity.js';
import { badInput } from './errors.js';
import { decodeId } from './ids.js';
import { type Lookups, lookedUp, type NameCandidate } from './lookups.js';

export type EntityRefValue = { id?: string | number | null; name?: string | null };

export const EntityRefInput = builder.inputRef<EntityRefValue>('EntityRef').implement({
  isOneOf: true,
  description:
    'A person, country or organization, given by exactly one of `id` or `name`. Where a filter accepts only some kinds (a speaker is a person or an organization), a name is matched among those kinds only.',
  fields: (t) => ({
    id: t.id({ required: false, description: 'Its global ID.' }),
    name: t.string({
      required: false,
      description:
        'Its name or one of its aliases, ignoring case and accents ("zelensky" is Volodymyr Zelenskyy). An exact name or alias wins; without one, part of a name matches. A name matching several entities is an `AMBIGUOUS_NAME` error listing them with their IDs; a name matching none matches nothing.',
    }),
  }),
});

export const maxNameLength = 200;
const candidateLimit = 20;

type Candidate = NameCandidate;

/** The normalized form under which a name is looked up, or null when it is unusable. */
export function lookupKey(name: string): string | null {
  const normalized = normalizeName(name);
  return normalized && normalized.length <= maxNameLength ? normalized : null;
}

/** Every entity whose name or alias contains each name: one query per kind and name. */
export async function lookUpNames(keys: Iterable<string>): Promise<Lookups['names']> {
  const found: Lookups['names'] = new Map();
  await Promise.all(
    [...keys].map(async (key) => {
      const lists = await Promise.all(
        (['Person', 'Country', 'Organization'] as const).map((type) => candidatesOf(type, key)),
      );
      found.set(key, lists.flat());
    }),
  );
  return found;
}

async function candidatesOf(type: EntityTypeName, key: string): Promise<Candidate[]> {
  const select = {
    id: true,
    name: true,
    normalizedName: true,
    aliases: { select: { normalizedName: true } },
  } as const;
  const named = (match: { contains: string } | string) => ({
    OR: [{ normalizedName: match }, { aliases: { some: { normalizedName: match } } }],
  });
  // The three models share these columns; one delegate type keeps the call typed.
  const model = {
    Person: db().person,
    Country: db().country,
    Organization: db().organization,
  }[type] as unknown as ReturnType<typeof db>['person'];
  let rows = await model.findMany({
    where: named({ contains: key }),
    select,
    orderBy: { id: 'asc' },
    take: candidateLimit + 1,
  });
  // Beyond the limit an exact match may be missing from the page: look for it by itself.
  if (rows.length > candidateLimit) {
    const exact = await model.findMany({ where: named(key), select, orderBy: { id: 'asc' } });
    rows = [...exact, ...rows.filter((row) => !exact.some((e) => e.id === row.id))];
  }
  return rows.map((row) => ({
    type,
    id: row.id,
    name: row.name,
    exact: row.normalizedName === key || row.aliases.some((a) => a.normalizedName === key),
  }));
}

/**
 * The entity a reference names, among `types`; null when a name matches none. `argument` is
 * where the client wrote it (e.g. "filter.speaker"), for errors.
 */
export function refTarget<T extends EntityTypeName>(
  ref: EntityRefValue,
  types: readonly T[],
  argument: string,
): { type: T; id: number } | null {
  if (ref.id != null) return decodeId(String(ref.id), types, `${argument}.id`);
  if (ref.name == null) throw badInput(argument, 'needs an id or a name');
  const key = normalizeName(ref.name);
  if (!key) throw badInput(`${argument}.name`, 'must not be empty');
  if (key.length > maxNameLength) {
    throw badInput(`${argument}.name`, `must be at most ${maxNameLength} characters`);
  }
  const candidates = lookedUp('names', key);
  const ofTypes = candidates.filter((c) => (types as readonly string[]).includes(c.type));
  const exact = ofTypes.filter((c) => c.exact);
  const matches = exact.length ? exact : ofTypes;
  if (matches.length === 0) return null;
  if (matches.length > 1) throw ambiguous(ref.name, matches, `${argument}.name`);
  const [match] = matches as [Candidate];
  return { type: match.type as T, id: match.id };
}

function ambiguous(name: string, matches: Candidate[], argument: string): GraphQLError {
  const candidates = matches.slice(0, candidateLimit).map((c) => ({
    id: encodeGlobalID(c.type, c.id),
    type: c.type,
    name: c.name,
  }));
  const listed = candidates.map((c) => `${c.name} (${c.type} ${c.id})`).join(', ');
  const more = matches.length > candidateLimit ? ' and more' : '';
  return new GraphQLError(
    `${argument}: "${name}" names more than one entity: ${listed}${more}; give a longer name or an id`,
    { extensions: { code: 'AMBIGUOUS_NAME', argument, candidates } },
  );
}

/** The condition "its country is the one `ref` names" on a model with a `countryId`. */
export function countryIs(ref: EntityRefValue, argument: string) {
  const country = refTarget(ref, ['Country'], argument);
  return country ? { countryId: country.id } : { id: { in: [] as number[] } };
}
