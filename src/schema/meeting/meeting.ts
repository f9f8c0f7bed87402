import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { Prisma } from '../../../prisma/generated/sqlite/client/client.js';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Person } from '../person/person.js';
import { decodeId } from '../shared/ids.js';
import {
  DateRangeInput,
  overlapsRange,
  PartialDateRef,
  partialDate,
} from '../shared/partial-date.js';
import { VerificationEnum } from '../statement/statement.js';

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

const meetingOrder = [
  { occurredOn: { sort: 'asc', nulls: 'last' } },
  { id: 'asc' },
] as const satisfies object[];

export const Meeting = builder.prismaNode('Meeting', {
  id: { field: 'id' },
  nullable: true,
  description: 'Talks, a call, a visit or another encounter between people.',
  fields: (t) => ({
    kind: t.expose('kind', { type: MeetingKindEnum }),
    status: t.expose('status', { type: MeetingStatusEnum }),
    topic: t.exposeString('topic', { nullable: true }),
    placeName: t.exposeString('placeName', { nullable: true, description: 'E.g. "Moscow".' }),
    country: t.relation('country', { nullable: true, description: 'Where it was held.' }),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      select: { occurredOn: true, occurredPrecision: true },
      resolve: (m) => partialDate(m.occurredOn, m.occurredPrecision),
    }),
    participants: t.connection(
      {
        type: Person,
        select: (args, ctx, nestedSelection) => ({
          _count: { select: { participants: true } },
          participants: participants.getQuery(args, ctx, nestedSelection),
        }),
        resolve: (meeting, args, ctx) => ({
          ...participants.resolve(meeting.participants, args, ctx),
          totalCount: meeting._count.participants,
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
  select: (nodeSelection) => ({ person: nodeSelection({}) }),
  resolveNode: (participant) => participant.person,
});

const participations = prismaConnectionHelpers(builder, 'MeetingParticipant', {
  cursor: 'id',
  query: {
    // The helper's type takes one ordering; Prisma takes the list, and the id keeps ties stable.
    orderBy: [
      { meeting: { occurredOn: { sort: 'asc', nulls: 'last' } } },
      { id: 'asc' },
    ] as Prisma.MeetingParticipantOrderByWithRelationInput,
  },
  select: (nodeSelection) => ({ meeting: nodeSelection({}) }),
  resolveNode: (participation) => participation.meeting,
});

builder.prismaObjectField('Person', 'meetings', (t) =>
  t.connection(
    {
      type: Meeting,
      description: 'Meetings this person took part in, in date order (undated ones last).',
      select: (args, ctx, nestedSelection) => ({
        _count: { select: { participations: true } },
        participations: participations.getQuery(args, ctx, nestedSelection),
      }),
      resolve: (person, args, ctx) => ({
        ...participations.resolve(person.participations, args, ctx),
        totalCount: person._count.participations,
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
                participants: { select: { person: nestedSelection(true, ['edges', 'node']) } },
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

builder.prismaObjectField('Country', 'meetings', (t) =>
  t.relatedConnection('meetings', {
    cursor: 'id',
    totalCount: true,
    description: 'Meetings held in this country, in date order.',
    query: { orderBy: meetingOrder },
  }),
);

const MeetingFilter = builder.inputType('MeetingFilter', {
  fields: (t) => ({
    participant: t.id({ required: false, description: 'The ID of a person who took part.' }),
    country: t.id({ required: false, description: 'The ID of the country it was held in.' }),
    status: t.field({ type: MeetingStatusEnum, required: false }),
    date: t.field({ type: DateRangeInput, required: false }),
  }),
});

function meetingWhere(filter: typeof MeetingFilter.$inferInput | null | undefined) {
  const conditions: object[] = [];
  if (filter?.participant) {
    const { id } = decodeId(filter.participant, ['Person'], 'filter.participant');
    conditions.push({ participants: { some: { personId: id } } });
  }
  if (filter?.country) {
    conditions.push({ countryId: decodeId(filter.country, ['Country'], 'filter.country').id });
  }
  if (filter?.status) conditions.push({ status: filter.status });
  const date = overlapsRange(filter?.date, 'occurredOn', 'occurredPrecision', 'filter.date');
  if (date) conditions.push(date);
  return { AND: conditions };
}

builder.queryField('meetings', (t) =>
  t.prismaConnection({
    type: 'Meeting',
    cursor: 'id',
    description: 'Meetings in date order (undated ones last).',
    args: { filter: t.arg({ type: MeetingFilter, required: false }) },
    resolve: (query, _parent, { filter }) =>
      db().meeting.findMany({ ...query, where: meetingWhere(filter), orderBy: meetingOrder }),
    totalCount: (_parent, { filter }) => db().meeting.count({ where: meetingWhere(filter) }),
  }),
);
