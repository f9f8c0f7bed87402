// Counts for charts and co-occurrence, through Prisma's groupBy so that they take the same
// statement filters as the connections.
import { encodeGlobalID } from '@pothos/plugin-relay';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { batched } from '../shared/batch.js';
import { Entity, type EntityTypeName, typed } from '../shared/entity.js';
import { badInput } from '../shared/errors.js';
import { StatementFilter, type StatementFilterValue, statementWhere } from './filter.js';

type Bucket = { key: string; label: string; count: number; entity: object | null };

const StatementCountGroupEnum = builder.enumType('StatementCountGroup', {
  values: {
    SPEAKER: { description: 'By the person or organization that spoke.' },
    SUBJECT: { description: 'By each person, country or organization spoken about.' },
    SPEAKER_COUNTRY: { description: "By the speaker's country (nationality for people)." },
    MONTH: {
      description: 'By month said ("2025-03"); dates known only to the year count as "2025".',
    },
  } as const,
});

const StatementCount = builder.objectRef<Bucket>('StatementCount').implement({
  description: 'How many statements fall into one group.',
  fields: (t) => ({
    key: t.string({
      description: 'The entity ID, the month ("2025-03"), or "none" for an unknown value.',
      resolve: (b) => b.key,
    }),
    label: t.string({ description: 'A name or a month, for display.', resolve: (b) => b.label }),
    count: t.int({ resolve: (b) => b.count }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'The speaker, subject or country, when grouped by one.',
      resolve: (b) => b.entity,
    }),
  }),
});

type EntityKeys = {
  personId?: number | null;
  countryId?: number | null;
  organizationId?: number | null;
};

/** Loads the entities the keys name, one query per type. */
async function entitiesOf(keys: EntityKeys[]): Promise<Map<string, object & { name: string }>> {
  const ids = (column: keyof EntityKeys) => [
    ...new Set(keys.map((k) => k[column]).filter((id): id is number => id != null)),
  ];
  const [people, countries, organizations] = await Promise.all([
    db().person.findMany({ where: { id: { in: ids('personId') } } }),
    db().country.findMany({ where: { id: { in: ids('countryId') } } }),
    db().organization.findMany({ where: { id: { in: ids('organizationId') } } }),
  ]);
  const entries: [string, object & { name: string }][] = [];
  const add = (rows: { id: number; name: string }[], type: EntityTypeName) => {
    for (const row of rows) entries.push([`${type}:${row.id}`, typed(row, type)]);
  };
  add(people, 'Person');
  add(countries, 'Country');
  add(organizations, 'Organization');
  return new Map(entries);
}

function keyOf(k: EntityKeys): string | null {
  if (k.personId != null) return `Person:${k.personId}`;
  if (k.countryId != null) return `Country:${k.countryId}`;
  if (k.organizationId != null) return `Organization:${k.organizationId}`;
  return null;
}

function bucketsFor(
  counts: { keys: EntityKeys; count: number }[],
  entities: Map<string, object & { name: string }>,
): Bucket[] {
  const merged = new Map<string, Bucket>();
  for (const { keys, count } of counts) {
    const key = keyOf(keys) ?? 'none';
    const entity = entities.get(key) ?? null;
    const bucket = merged.get(key) ?? {
      key: entity ? encodeGlobalID(...(key.split(':') as [string, string])) : 'none',
      label: entity?.name ?? 'unknown',
      count: 0,
      entity,
    };
    bucket.count += count;
    merged.set(key, bucket);
  }
  return [...merged.values()];
}

function monthOf(date: Date | null, precision: string | null): string {
  if (!date || !precision) return 'none';
  const iso = date.toISOString();
  return precision === 'YEAR' ? iso.slice(0, 4) : iso.slice(0, 7);
}

async function countStatements(
  groupBy: 'SPEAKER' | 'SUBJECT' | 'SPEAKER_COUNTRY' | 'MONTH',
  where: ReturnType<typeof statementWhere>,
): Promise<Bucket[]> {
  if (groupBy === 'SUBJECT') {
    const rows = await db().statementSubject.groupBy({
      by: ['personId', 'countryId', 'organizationId'],
      where: { statement: where },
      _count: { _all: true },
    });
    const counts = rows.map((r) => ({ keys: r, count: r._count._all }));
    return bucketsFor(counts, await entitiesOf(rows));
  }
  if (groupBy === 'MONTH') {
    const rows = await db().statement.groupBy({
      by: ['occurredOn', 'occurredPrecision'],
      where,
      _count: { _all: true },
    });
    const months = new Map<string, number>();
    for (const r of rows) {
      const month = monthOf(r.occurredOn, r.occurredPrecision);
      months.set(month, (months.get(month) ?? 0) + r._count._all);
    }
    return [...months].map(([month, count]) => ({
      key: month,
      label: month === 'none' ? 'undated' : month,
      count,
      entity: null,
    }));
  }
  const rows = await db().statement.groupBy({
    by: ['speakerPersonId', 'speakerOrganizationId'],
    where,
    _count: { _all: true },
  });
  const speakers = rows.map((r) => ({
    personId: r.speakerPersonId,
    organizationId: r.speakerOrganizationId,
  }));
  if (groupBy === 'SPEAKER') {
    const counts = rows.map((r, i) => ({ keys: speakers[i] ?? {}, count: r._count._all }));
    return bucketsFor(counts, await entitiesOf(speakers));
  }
  const entities = await entitiesOf(speakers);
  const countryKeys = speakers.map((s) => {
    const speaker = entities.get(keyOf(s) ?? '') as { countryId?: number | null } | undefined;
    return { countryId: speaker?.countryId ?? null };
  });
  const counts = rows.map((r, i) => ({ keys: countryKeys[i] ?? {}, count: r._count._all }));
  return bucketsFor(counts, await entitiesOf(countryKeys));
}

const maxGroups = 500;

builder.queryField('statementCounts', (t) =>
  t.field({
    type: [StatementCount],
    description:
      'Statements counted by speaker, subject, speaker country or month, largest first (months in calendar order), for charts. Takes the same filter as `statements`.',
    args: {
      groupBy: t.arg({ type: StatementCountGroupEnum, required: true }),
      filter: t.arg({ type: StatementFilter, required: false }),
      first: t.arg.int({ required: false, defaultValue: 20, description: `At most ${maxGroups}.` }),
    },
    resolve: async (_parent, { groupBy, filter, first }) => {
      const limit = first ?? 20;
      if (limit < 0 || limit > maxGroups) {
        throw badInput('first', `must be between 0 and ${maxGroups}`);
      }
      const buckets = await countStatements(groupBy, statementWhere(filter));
      const sorted =
        groupBy === 'MONTH'
          ? buckets.sort((a, b) =>
              a.key === 'none' ? 1 : b.key === 'none' ? -1 : a.key.localeCompare(b.key),
            )
          : buckets.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
      return sorted.slice(0, limit);
    },
  }),
);

const CoOccurrence = builder
  .objectRef<{ entity: object; count: number }>('CoOccurrence')
  .implement({
    description: 'An entity mentioned in the same statements as another, and how often.',
    fields: (t) => ({
      entity: t.field({ type: Entity, resolve: (c) => c.entity }),
      count: t.int({ description: 'Statements about both.', resolve: (c) => c.count }),
    }),
  });

const subjectColumn = {
  Person: 'personId',
  Country: 'countryId',
  Organization: 'organizationId',
} as const;

type Co = { entity: object & { name: string }; count: number };

/** Co-occurrence counts for several entities of one type at once (two queries). */
async function coOccurrences(
  type: EntityTypeName,
  ids: number[],
  filter: StatementFilterValue | null | undefined,
): Promise<Map<number, Co[]>> {
  const column = subjectColumn[type];
  const statement = statementWhere(filter);
  const [own, all] = await Promise.all([
    db().statementSubject.findMany({
      where: { [column]: { in: ids }, statement },
      select: { statementId: true, personId: true, countryId: true, organizationId: true },
    }),
    db().statementSubject.findMany({
      where: { statement: { AND: [statement, { subjects: { some: { [column]: { in: ids } } } }] } },
      select: { statementId: true, personId: true, countryId: true, organizationId: true },
    }),
  ]);
  const ownersOf = new Map<number, number[]>();
  for (const row of own) {
    const owner = row[column] as number;
    ownersOf.set(row.statementId, [...(ownersOf.get(row.statementId) ?? []), owner]);
  }
  const counts = new Map<number, Map<string, number>>();
  for (const row of all) {
    const key = keyOf(row);
    if (!key) continue;
    for (const owner of ownersOf.get(row.statementId) ?? []) {
      if (key === `${type}:${owner}`) continue;
      const perOwner = counts.get(owner) ?? new Map<string, number>();
      perOwner.set(key, (perOwner.get(key) ?? 0) + 1);
      counts.set(owner, perOwner);
    }
  }
  const entities = await entitiesOf(all);
  return new Map(
    ids.map((id) => [
      id,
      [...(counts.get(id) ?? [])]
        .map(([key, count]) => ({ entity: entities.get(key), count }))
        .filter((c): c is Co => !!c.entity)
        .sort((a, b) => b.count - a.count || a.entity.name.localeCompare(b.entity.name)),
    ]),
  );
}

for (const type of ['Person', 'Country', 'Organization'] as const) {
  builder.prismaObjectField(type, 'mentionedWith', (t) =>
    t.field({
      type: [CoOccurrence],
      description:
        'The entities most often spoken about in the same statements as this one, most frequent first.',
      args: {
        first: t.arg.int({ required: false, defaultValue: 10, description: 'At most 100.' }),
        filter: t.arg({ type: StatementFilter, required: false }),
      },
      select: { id: true },
      resolve: async (parent, { first, filter }, context) => {
        const limit = first ?? 10;
        if (limit < 0 || limit > 100) throw badInput('first', 'must be between 0 and 100');
        // Every item of a list asks with the same arguments: one batch serves them all.
        const key = `mentionedWith:${type}:${JSON.stringify(filter ?? null)}`;
        const found = await batched(context, key, parent.id, (ids) =>
          coOccurrences(type, ids, filter),
        );
        return (found ?? []).slice(0, limit);
      },
    }),
  );
}
