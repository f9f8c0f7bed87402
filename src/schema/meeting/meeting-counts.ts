// Meetings counted by one or two dimensions for charts, with the meeting filter applied.
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { badInput } from '../shared/errors.js';
import {
  type Bucket,
  bucketsOf,
  checkGroupLimit,
  entitiesOf,
  entityValue,
  type GroupValue,
  GroupValueRef,
  maxGroups,
  periodValue,
  plainValue,
} from '../shared/grouped-counts.js';
import { MeetingFilter, meetingWhere } from './meeting.js';

const MeetingCountGroupEnum = builder.enumType('MeetingCountGroup', {
  description: 'A dimension meetings are counted by.',
  values: {
    PARTICIPANT: {
      description: 'By each person who took part (a meeting counts once per person).',
    },
    PARTICIPANT_COUNTRY: {
      description: "By each participant's nationality (a meeting counts once per participant).",
    },
    COUNTRY: { description: 'By the country it was held in.' },
    KIND: { description: 'By kind: TALKS, CALL, VISIT…' },
    STATUS: { description: 'By status: SCHEDULED, HELD or CANCELLED.' },
    MONTH: {
      description: 'By month held ("2025-03"); dates known only to the year count as "2025".',
    },
    YEAR: { description: 'By year held ("2025").' },
  } as const,
});

type Dimension = typeof MeetingCountGroupEnum.$inferType;

const MeetingCount = builder.objectRef<Bucket>('MeetingCount').implement({
  description: 'How many meetings fall into one group; `groups` has one value per dimension.',
  fields: (t) => ({
    count: t.int({ description: 'Meetings in the group.', resolve: (b) => b.count }),
    groups: t.field({
      type: [GroupValueRef],
      description: 'The value of each dimension, in the order of `groupBy` then `thenBy`.',
      resolve: (b) => b.groups,
    }),
  }),
});

type CountRow = {
  countryId?: number | null;
  kind?: string | null;
  status?: string | null;
  occurredOn?: Date | null;
  occurredPrecision?: string | null;
  personId?: number | null;
  count: number;
};

const meetingColumns: Record<Dimension, string[]> = {
  COUNTRY: ['countryId'],
  KIND: ['kind'],
  STATUS: ['status'],
  MONTH: ['occurredOn', 'occurredPrecision'],
  YEAR: ['occurredOn', 'occurredPrecision'],
  PARTICIPANT: [],
  PARTICIPANT_COUNTRY: [],
};
const maxParticipantRows = 100_000;

async function countRows(dimensions: Dimension[], where: object): Promise<CountRow[]> {
  const columns = [...new Set(dimensions.flatMap((d) => meetingColumns[d]))];
  if (!dimensions.some((d) => d.startsWith('PARTICIPANT'))) {
    const rows = await db().meeting.groupBy({
      by: columns as ['kind'],
      where,
      _count: { _all: true },
    });
    return rows.map(({ _count, ...row }) => ({ ...row, count: _count._all }));
  }
  if (!columns.length) {
    const rows = await db().meetingParticipant.groupBy({
      by: ['personId'],
      where: { meeting: where },
      _count: { _all: true },
    });
    return rows.map(({ _count, ...row }) => ({ ...row, count: _count._all }));
  }
  const rows = await db().meetingParticipant.findMany({
    where: { meeting: where },
    select: {
      personId: true,
      meeting: { select: Object.fromEntries(columns.map((c) => [c, true])) },
    },
    take: maxParticipantRows + 1,
  });
  if (rows.length > maxParticipantRows) {
    throw badInput(
      'filter',
      `selects more than ${maxParticipantRows} participants to count: narrow it`,
    );
  }
  return rows.map(({ meeting, ...row }) => ({ ...row, ...meeting, count: 1 }));
}

async function countMeetings(dimensions: Dimension[], where: object): Promise<Bucket[]> {
  const rows = await countRows(dimensions, where);
  const entities = await entitiesOf(rows);
  if (dimensions.includes('PARTICIPANT_COUNTRY')) {
    const countries = rows.map((r) => ({
      countryId: entities.get(`Person:${r.personId}`)?.countryId ?? null,
    }));
    for (const [key, entity] of await entitiesOf(countries)) entities.set(key, entity);
  }
  const valueIn = (dimension: Dimension, r: CountRow): GroupValue => {
    switch (dimension) {
      case 'PARTICIPANT':
        return entityValue({ personId: r.personId }, entities);
      case 'PARTICIPANT_COUNTRY': {
        const person = entities.get(`Person:${r.personId}`);
        return entityValue({ countryId: person?.countryId ?? null }, entities);
      }
      case 'COUNTRY':
        return entityValue({ countryId: r.countryId }, entities);
      case 'KIND':
        return plainValue(r.kind ?? null);
      case 'STATUS':
        return plainValue(r.status ?? null);
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

builder.queryField('meetingCounts', (t) =>
  t.field({
    type: [MeetingCount],
    description: `Meetings counted by one dimension, or two (\`groupBy\` then \`thenBy\`), for charts: largest first, periods in calendar order. Takes the same filter as \`meetings\`. At most ${maxGroups} groups.`,
    args: {
      groupBy: t.arg({
        type: MeetingCountGroupEnum,
        required: true,
        description: 'The first dimension.',
      }),
      thenBy: t.arg({
        type: MeetingCountGroupEnum,
        required: false,
        description: 'A second dimension, within each group of the first.',
      }),
      filter: t.arg({ type: MeetingFilter, required: false, description: 'Which meetings count.' }),
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
      return (await countMeetings(dimensions, meetingWhere(filter))).slice(0, limit);
    },
  }),
);
