// Counts for charts and co-occurrence, through Prisma's groupBy so that they take the same
// statement filters as the connections.
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { batched } from '../shared/batch.js';
import { Entity, type EntityTypeName } from '../shared/entity.js';
import { badInput } from '../shared/errors.js';
import {
  type Bucket,
  bucketsOf,
  checkGroupLimit,
  entitiesOf,
  entityValue,
  type GroupValue,
  GroupValueRef,
  keyOf,
  maxGroups,
  periodValue,
  plainValue,
} from '../shared/grouped-counts.js';
import { StatementFilter, type StatementFilterValue, statementWhere } from './filter.js';

const StatementCountGroupEnum = builder.enumType('StatementCountGroup', {
  description: 'A dimension statements are counted by.',
  values: {
    SPEAKER: { description: 'By the person or organization that spoke.' },
    SUBJECT: {
      description:
        'By each person, country or organization spoken about (a statement counts once per subject).',
    },
    SPEAKER_COUNTRY: { description: "By the speaker's country (nationality for people)." },
    STANCE: {
      description:
        'By the stance taken toward each subject (once per subject; "none" when unsaid).',
    },
    KIND: { description: 'By kind: QUOTE, PARAPHRASE or REPORT.' },
    MONTH: {
      description: 'By month said ("2025-03"); dates known only to the year count as "2025".',
    },
    YEAR: { description: 'By year said ("2025").' },
  } as const,
});

type Dimension = typeof StatementCountGroupEnum.$inferType;

const StatementCount = builder.objectRef<Bucket>('StatementCount').implement({
  description:
    'How many statements fall into one group. `key`, `label` and `entity` are those of the first dimension; `groups` has one value per dimension.',
  fields: (t) => ({
    key: t.string({
      description: 'The entity ID, the month ("2025-03"), or "none" for an unknown value.',
      resolve: (b) => b.key,
    }),
    label: t.string({ description: 'A name or a month, for display.', resolve: (b) => b.label }),
    count: t.int({ description: 'Statements in the group.', resolve: (b) => b.count }),
    entity: t.field({
      type: Entity,
      nullable: true,
      description: 'The speaker, subject or country, when grouped by one.',
      resolve: (b) => b.entity,
    }),
    groups: t.field({
      type: [GroupValueRef],
      description: 'The value of each dimension, in the order of `groupBy` then `thenBy`.',
      resolve: (b) => b.groups,
    }),
  }),
});

type CountRow = {
  speakerPersonId?: number | null;
  speakerOrganizationId?: number | null;
  occurredOn?: Date | null;
  occurredPrecision?: string | null;
  kind?: string | null;
  personId?: number | null;
  countryId?: number | null;
  organizationId?: number | null;
  stance?: string | null;
  count: number;
};

const subjectSide = new Set<Dimension>(['SUBJECT', 'STANCE']);
const statementColumns: Record<Dimension, string[]> = {
  SPEAKER: ['speakerPersonId', 'speakerOrganizationId'],
  SPEAKER_COUNTRY: ['speakerPersonId', 'speakerOrganizationId'],
  KIND: ['kind'],
  MONTH: ['occurredOn', 'occurredPrecision'],
  YEAR: ['occurredOn', 'occurredPrecision'],
  SUBJECT: [],
  STANCE: [],
};
/** Subject rows read one by one (a subject dimension with a statement one): at most this many. */
const maxSubjectRows = 100_000;

async function countRows(dimensions: Dimension[], where: object): Promise<CountRow[]> {
  const columns = [...new Set(dimensions.flatMap((d) => statementColumns[d]))];
  if (!dimensions.some((d) => subjectSide.has(d))) {
    const rows = await db().statement.groupBy({
      by: columns as ['kind'],
      where,
      _count: { _all: true },
    });
    return rows.map(({ _count, ...row }) => ({ ...row, count: _count._all }));
  }
  const subjectColumns = ['personId', 'countryId', 'organizationId', 'stance'] as const;
  if (!columns.length) {
    const rows = await db().statementSubject.groupBy({
      by: [...subjectColumns],
      where: { statement: where },
      _count: { _all: true },
    });
    return rows.map(({ _count, ...row }) => ({ ...row, count: _count._all }));
  }
  const rows = await db().statementSubject.findMany({
    where: { statement: where },
    select: {
      personId: true,
      countryId: true,
      organizationId: true,
      stance: true,
      statement: { select: Object.fromEntries(columns.map((c) => [c, true])) },
    },
    take: maxSubjectRows + 1,
  });
  if (rows.length > maxSubjectRows) {
    throw badInput('filter', `selects more than ${maxSubjectRows} subjects to count: narrow it`);
  }
  return rows.map(({ statement, ...row }) => ({ ...row, ...statement, count: 1 }));
}

async function countStatements(dimensions: Dimension[], where: object): Promise<Bucket[]> {
  const rows = await countRows(dimensions, where);
  const speakerOf = (r: CountRow) => ({
    personId: r.speakerPersonId,
    organizationId: r.speakerOrganizationId,
  });
  const entities = await entitiesOf([...rows.map(speakerOf), ...rows]);
  if (dimensions.includes('SPEAKER_COUNTRY')) {
    const countries = rows.map((r) => ({
      countryId: entities.get(keyOf(speakerOf(r)) ?? '')?.countryId ?? null,
    }));
    for (const [key, entity] of await entitiesOf(countries)) entities.set(key, entity);
  }
  const valueIn = (dimension: Dimension, r: CountRow): GroupValue => {
    switch (dimension) {
      case 'SPEAKER':
        return entityValue(speakerOf(r), entities);
      case 'SPEAKER_COUNTRY': {
        const speaker = entities.get(keyOf(speakerOf(r)) ?? '');
        return entityValue({ countryId: speaker?.countryId ?? null }, entities);
      }
      case 'SUBJECT':
        return entityValue(r, entities);
      case 'STANCE':
      case 'KIND':
        return plainValue(r[dimension === 'STANCE' ? 'stance' : 'kind'] ?? null);
      case 'MONTH':
      case 'YEAR':
        return periodValue(r.occurredOn ?? null, r.occurredPrecision ?? null, dimension);
    }
  };
  return bucketsOf(
    rows.map((r) => ({ values: dimensions.map((d) => valueIn(d, r)), count: r.count })),
    dimensions.map((d) => d === 'MONTH' || d === 'YEAR'),
  );
}

builder.queryField('statementCounts', (t) =>
  t.field({
    type: [StatementCount],
    description: `Statements counted by one dimension, or two (\`groupBy\` then \`thenBy\`: "per speaker per month"), for charts: largest first, periods in calendar order. Takes the same filter as \`statements\`. At most ${maxGroups} groups.`,
    args: {
      groupBy: t.arg({
        type: StatementCountGroupEnum,
        required: true,
        description: 'The first dimension.',
      }),
      thenBy: t.arg({
        type: StatementCountGroupEnum,
        required: false,
        description: 'A second dimension, within each group of the first.',
      }),
      filter: t.arg({
        type: StatementFilter,
        required: false,
        description: 'Which statements count.',
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 20,
        description: `How many groups (at most ${maxGroups}).`,
      }),
    },
    resolve: async (_parent, { groupBy, thenBy, filter, first }) => {
      const limit = checkGroupLimit(first);
      if (thenBy === groupBy) throw badInput('thenBy', 'must differ from groupBy');
      const dimensions = thenBy ? [groupBy, thenBy] : [groupBy];
      const buckets = await countStatements(dimensions, statementWhere(filter));
      return buckets.slice(0, limit);
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
