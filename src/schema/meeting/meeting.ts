import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type {
  Meeting as MeetingRow,
  Person as PersonRow,
  Prisma,
} from '../../../prisma/generated/sqlite/client/client.js';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Person } from '../person/person.js';
import { countOf, countsBy } from '../shared/batch.js';
import { countryIs, EntityRefInput, type EntityRefValue, refTarget } from '../shared/entity-ref.js';
import { boundedList, type Combinable, combine, matchesNothing } from '../shared/filter-logic.js';
import { decodeId } from '../shared/ids.js';
import { type KeysetOrder, keysetOrderBy, keysetPage } from '../shared/keyset.js';
import {
  DateRangeInput,
  overlapsRange,
  PartialDateRef,
  partialDate,
  partialDateField,
} from '../shared/partial-date.js';
import { sqlTranslation } from '../shared/sql-translation.js';
import { textCondition } from '../shared/text-filter.js';
import { VerificationEnum } from '../statement/enums.js';

export const MeetingKindEnum = builder.enumType('MeetingKind', {
  values: ['TALKS', 'CALL', 'VISIT', 'SUMMIT', 'DISCUSSION', 'OTHER'] as const,
});

export const MeetingStatusEnum = builder.enumType('MeetingStatus', {
  values: {
    SCHEDULED: { description: 'Announced, not yet held when reported.' },
    HELD: { description: 'Took place.' },
    CANCELLED: {},
  } as const,
});

export const Meeting = builder.prismaNode('Meeting', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description: 'Talks, a call, a visit or another encounter between people.',
  fields: (t) => ({
    kind: t.expose('kind', { type: MeetingKindEnum }),
    status: t.expose('status', { type: MeetingStatusEnum }),
    topic: t.exposeString('topic', { nullable: true }),
    placeName: t.exposeString('placeName', { nullable: true, description: 'E.g. "Moscow".' }),
    country: t.relation('country', { nullable: true, description: 'Where it was held.' }),
    date: t.field(partialDateField('occurredOn', 'occurredPrecision')),
    participants: t.connection(
      {
        type: Person,
        extensions: sqlTranslation({ kind: 'relatedPage' }),
        select: (args, ctx, nestedSelection) => ({
          id: true,
          participants: participants.getQuery(args, ctx, nestedSelection),
        }),
        resolve: (meeting, args, ctx) => ({
          ...participants.resolve(meeting.participants, args, ctx),
          totalCount: () =>
            countOf(ctx, 'participants', meeting.id, (ids) =>
              db()
                .meetingParticipant.groupBy({
                  by: ['meetingId'],
                  where: { meetingId: { in: ids } },
                  _count: { _all: true },
                })
                .then((rows) => countsBy(rows, 'meetingId')),
            ),
        }),
      },
      { name: 'MeetingParticipantsConnection' },
    ),
    confidence: t.exposeFloat('confidence', { description: 'From 0 to 1.' }),
    verification: t.expose('verification', { type: VerificationEnum }),
    recordedAt: t.expose('recordedAt', {
      type: 'DateTime',
      description: 'When it was recorded in the base.',
    }),
    attestations: t.relatedConnection('attestations', {
      cursor: 'id',
      totalCount: true,
      description: 'The sources that report it, each with the supporting excerpt.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

const participants = prismaConnectionHelpers(builder, 'MeetingParticipant', {
  cursor: 'id',
  query: { orderBy: { id: 'asc' } },
  // The row's id keeps the selection valid when a query asks only for totalCount.
  select: (nodeSelection) => ({ person: nodeSelection({ select: { id: true } }) }),
  // Typed as the whole row: the selection holds whatever the query asks of the node.
  resolveNode: (participant) => participant.person as PersonRow,
});

const participations = prismaConnectionHelpers(builder, 'MeetingParticipant', {
  cursor: 'id',
  args: (t) => ({ filter: t.field({ type: MeetingFilter, required: false }) }),
  query: ({ filter }) => ({
    where: { meeting: meetingWhere(filter) },
    // The helper's type takes one ordering; Prisma takes the list, and the id keeps ties stable.
    orderBy: [
      { meeting: { occurredOn: { sort: 'asc', nulls: 'last' } } },
      { id: 'asc' },
    ] as Prisma.MeetingParticipantOrderByWithRelationInput,
  }),
  select: (nodeSelection) => ({ meeting: nodeSelection({ select: { id: true } }) }),
  resolveNode: (participation) => participation.meeting as MeetingRow,
});

builder.prismaObjectField('Person', 'meetings', (t) =>
  t.connection(
    {
      type: Meeting,
      description: 'Meetings this person took part in, in date order (undated ones last).',
      args: participations.getArgs(),
      select: (args, ctx, nestedSelection) => ({
        id: true,
        participations: participations.getQuery(args, ctx, nestedSelection),
      }),
      resolve: (person, args, ctx) => ({
        ...participations.resolve(person.participations, args, ctx),
        totalCount: () =>
          countOf(ctx, `participations:${JSON.stringify(args.filter)}`, person.id, (ids) =>
            db()
              .meetingParticipant.groupBy({
                by: ['personId'],
                where: { personId: { in: ids }, meeting: meetingWhere(args.filter) },
                _count: { _all: true },
              })
              .then((rows) => countsBy(rows, 'personId')),
          ),
      }),
    },
    { name: 'PersonMeetingsConnection' },
  ),
);

type Acquaintance = { person: { id: number }; meetingCount: number; lastMetOn: Date | null };

builder.prismaObjectField('Person', 'metWith', (t) =>
  t.connection(
    {
      type: Person,
      description:
        'The people this person met, most meetings first, each edge with the number of meetings.',
      select: (_args, _ctx, nestedSelection) => ({
        participations: {
          select: {
            meeting: {
              select: {
                occurredOn: true,
                participants: {
                  select: { person: nestedSelection({ select: { id: true } }, ['edges', 'node']) },
                },
              },
            },
          },
        },
      }),
      resolve: (person, args) => {
        const met = new Map<number, Acquaintance>();
        for (const { meeting } of person.participations) {
          for (const { person: other } of meeting.participants) {
            if (other.id === person.id) continue;
            const known = met.get(other.id) ?? { person: other, meetingCount: 0, lastMetOn: null };
            known.meetingCount++;
            if (meeting.occurredOn && (!known.lastMetOn || meeting.occurredOn > known.lastMetOn)) {
              known.lastMetOn = meeting.occurredOn;
            }
            met.set(other.id, known);
          }
        }
        const ranked = [...met.values()].sort(
          (a, b) => b.meetingCount - a.meetingCount || a.person.id - b.person.id,
        );
        const connection = resolveArrayConnection({ args }, ranked);
        return {
          ...connection,
          totalCount: ranked.length,
          edges: connection.edges.map((edge) => ({
            ...edge.node,
            cursor: edge.cursor,
            node: edge.node.person,
          })),
        } as never;
      },
    },
    { name: 'PersonMetWithConnection' },
    {
      name: 'PersonMetWithEdge',
      fields: (edge) => ({
        meetingCount: edge.int({ resolve: (e) => (e as unknown as Acquaintance).meetingCount }),
        lastMetOn: edge.field({
          type: 'Date',
          nullable: true,
          description: 'The date of the latest dated meeting.',
          resolve: (e) => (e as unknown as Acquaintance).lastMetOn,
        }),
      }),
    },
  ),
);

const heldIn = {
  meetingsHeldIn: {
    description: 'Meetings held in this country, in date order unless `orderBy` says otherwise.',
  },
  meetings: {
    description: 'Meetings held in this country (not those its nationals took part in elsewhere).',
    deprecationReason:
      'Read as "involving" but means "held in": use meetingsHeldIn (the same meetings) or meetingsInvolving.',
  },
} as const;

for (const [name, options] of Object.entries(heldIn)) {
  builder.prismaObjectField('Country', name, (t) =>
    t.relatedConnection('meetings', {
      ...options,
      cursor: 'id',
      totalCount: true,
      args: {
        filter: t.arg({ type: MeetingFilter, required: false, description: 'Narrows them.' }),
        orderBy: t.arg({ type: MeetingOrderEnum, required: false, description: 'Date order.' }),
      },
      query: ({ filter, orderBy }) => ({
        where: meetingWhere(filter),
        orderBy: meetingOrderBy(orderBy),
      }),
    }),
  );
}

const involving = (countryId: number) => ({
  participants: { some: { person: { countryId } } },
});

builder.prismaObjectField('Country', 'meetingsInvolving', (t) =>
  t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description:
      'Meetings a national of this country took part in, wherever they were held, in date order unless `orderBy` says otherwise. One query per country on a list of countries.',
    args: {
      filter: t.arg({ type: MeetingFilter, required: false, description: 'Narrows them.' }),
      orderBy: t.arg({ type: MeetingOrderEnum, required: false, description: 'Date order.' }),
    },
    resolve: (query, country, { filter, orderBy }) =>
      keysetPage<MeetingRow>(
        db().meeting,
        query,
        { AND: [involving(country.id), meetingWhere(filter)] },
        meetingKeyset(orderBy),
      ),
    totalCount: (country, { filter }) =>
      db().meeting.count({ where: { AND: [involving(country.id), meetingWhere(filter)] } }),
  }),
);

export interface MeetingFilterValue extends Combinable<MeetingFilterValue> {
  participant?: EntityRefValue | null;
  participantsAnyOf?: EntityRefValue[] | null;
  participantsAllOf?: EntityRefValue[] | null;
  participantNationality?: EntityRefValue | null;
  country?: EntityRefValue | null;
  kind?: 'TALKS' | 'CALL' | 'VISIT' | 'SUMMIT' | 'DISCUSSION' | 'OTHER' | null;
  status?: 'SCHEDULED' | 'HELD' | 'CANCELLED' | null;
  date?: { from?: Date | null; to?: Date | null } | null;
  source?: string | null;
  reportedBy?: Date | null;
  recordedBy?: Date | null;
  text?: string | null;
  verification?: 'VERIFIED' | 'EXTRACTED' | null;
}

export const MeetingFilter = builder.inputRef<MeetingFilterValue>('MeetingFilter').implement({
  description: 'Conditions on meetings; all given fields must hold. Combine with AND, OR, NOT.',
  fields: (t) => ({
    participant: t.field({
      type: EntityRefInput,
      required: false,
      description: 'A person who took part.',
    }),
    participantsAnyOf: t.field({
      type: [EntityRefInput],
      required: false,
      description: 'At least one of these people took part.',
    }),
    participantsAllOf: t.field({
      type: [EntityRefInput],
      required: false,
      description: 'All of these people took part (in the same meeting).',
    }),
    participantNationality: t.field({
      type: EntityRefInput,
      required: false,
      description: 'A participant is a national of this country ("meetings involving a Russian").',
    }),
    country: t.field({
      type: EntityRefInput,
      required: false,
      description: 'The country it was held in.',
    }),
    kind: t.field({ type: MeetingKindEnum, required: false }),
    status: t.field({ type: MeetingStatusEnum, required: false }),
    date: t.field({ type: DateRangeInput, required: false }),
    source: t.id({ required: false, description: 'The ID of a source that reports it.' }),
    reportedBy: t.field({
      type: 'Date',
      required: false,
      description: 'As of this date: only meetings a source published by then reports.',
    }),
    recordedBy: t.field({
      type: 'DateTime',
      required: false,
      description: 'As of this instant: only meetings recorded in the base by then.',
    }),
    text: t.string({
      required: false,
      description:
        'Its topic, place or an excerpt attesting it matches this search, in the syntax of `search`.',
    }),
    verification: t.field({
      type: VerificationEnum,
      required: false,
      description: 'VERIFIED keeps to what a curator checked; EXTRACTED to what awaits review.',
    }),
    AND: t.field({ type: [MeetingFilter], required: false }),
    OR: t.field({ type: [MeetingFilter], required: false }),
    NOT: t.field({ type: MeetingFilter, required: false }),
  }),
});

function ownConditions(filter: MeetingFilterValue, path: string): object[] {
  const conditions: object[] = [];
  // An unknown name matches no one: -1 is no row's ID.
  const person = (ref: EntityRefValue, argument: string) =>
    refTarget(ref, ['Person'], argument)?.id ?? -1;
  if (filter.participant) {
    const id = person(filter.participant, `${path}.participant`);
    conditions.push({ participants: { some: { personId: id } } });
  }
  const anyOf = boundedList(filter.participantsAnyOf, `${path}.participantsAnyOf`);
  if (anyOf.length) {
    const ids = anyOf.map((ref, i) => person(ref, `${path}.participantsAnyOf[${i}]`));
    conditions.push({ participants: { some: { personId: { in: ids } } } });
  }
  for (const [i, ref] of boundedList(
    filter.participantsAllOf,
    `${path}.participantsAllOf`,
  ).entries()) {
    const personId = person(ref, `${path}.participantsAllOf[${i}]`);
    conditions.push({ participants: { some: { personId } } });
  }
  if (filter.participantNationality) {
    const argument = `${path}.participantNationality`;
    const country = refTarget(filter.participantNationality, ['Country'], argument);
    conditions.push(
      country ? { participants: { some: { person: { countryId: country.id } } } } : matchesNothing,
    );
  }
  if (filter.country) {
    conditions.push(countryIs(filter.country, `${path}.country`));
  }
  if (filter.kind) conditions.push({ kind: filter.kind });
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.verification) conditions.push({ verification: filter.verification });
  const date = overlapsRange(filter.date, 'occurredOn', 'occurredPrecision', `${path}.date`);
  if (date) conditions.push(date);
  if (filter.source) {
    const { id } = decodeId(filter.source, ['Source'], `${path}.source`);
    conditions.push({ attestations: { some: { sourceId: id } } });
  }
  if (filter.reportedBy) {
    conditions.push({
      attestations: { some: { source: { publishedOn: { lte: filter.reportedBy } } } },
    });
  }
  if (filter.recordedBy) conditions.push({ recordedAt: { lte: filter.recordedBy } });
  if (filter.text != null) conditions.push(textCondition('Meeting', filter.text, `${path}.text`));
  return conditions;
}

export function meetingWhere(
  filter: MeetingFilterValue | null | undefined,
): Prisma.MeetingWhereInput {
  return combine(filter, ownConditions);
}

const MeetingOrderEnum = builder.enumType('MeetingOrder', {
  values: {
    DATE_ASC: { description: 'Oldest first, undated last.' },
    DATE_DESC: { description: 'Newest first, undated last.' },
  } as const,
});

function meetingKeyset(order: 'DATE_ASC' | 'DATE_DESC' | null | undefined): KeysetOrder {
  return {
    column: 'occurredOn',
    direction: order === 'DATE_DESC' ? 'desc' : 'asc',
    nullable: true,
  };
}

export function meetingOrderBy(
  order: 'DATE_ASC' | 'DATE_DESC' | null | undefined,
): Prisma.MeetingOrderByWithRelationInput[] {
  return keysetOrderBy(meetingKeyset(order));
}

builder.queryField('meetings', (t) =>
  t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description: 'Meetings in date order (undated ones last).',
    args: {
      filter: t.arg({ type: MeetingFilter, required: false }),
      orderBy: t.arg({ type: MeetingOrderEnum, required: false }),
    },
    extensions: sqlTranslation({
      kind: 'rootPage',
      query: ({ filter, orderBy }) => ({
        where: meetingWhere(filter as MeetingFilterValue),
        orderBy: meetingOrderBy(orderBy as Parameters<typeof meetingOrderBy>[0]),
      }),
    }),
    resolve: (query, _parent, { filter, orderBy }) =>
      keysetPage<MeetingRow>(db().meeting, query, meetingWhere(filter), meetingKeyset(orderBy)),
    totalCount: (_parent, { filter }) => db().meeting.count({ where: meetingWhere(filter) }),
  }),
);
