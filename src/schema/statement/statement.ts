import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import type { Statement as StatementRow } from '../../../prisma/generated/sqlite/client/client.js';
import { db } from '../../db/client.js';
import { listCaps } from '../../shared/list-caps.js';
import { lastDayOf, type PartialDate } from '../../shared/partial-date.js';
import { builder } from '../builder.js';
import { Organization } from '../organization/organization.js';
import { Person, Role } from '../person/person.js';
import { countOf, countsBy } from '../shared/batch.js';
import { Entity, typed, typenameOf } from '../shared/entity.js';
import { keysetPage } from '../shared/keyset.js';
import { PartialDateRef, partialDate } from '../shared/partial-date.js';
import { StanceEnum, StatementKindEnum, VerificationEnum } from './enums.js';
import {
  StatementFilter,
  StatementOrderEnum,
  statementKeyset,
  statementOrderBy,
  statementWhere,
} from './filter.js';
import { SpeakerRoleFilter, speakerRoleWhere } from './speaker-role.js';

export const Speaker = builder.unionType('Speaker', {
  description:
    'Who made a statement: a person, or an organization such as an intelligence service.',
  types: [Person, Organization],
  resolveType: typenameOf,
});

export const Statement = builder.prismaNode('Statement', {
  id: { field: 'id' },
  select: { id: true },
  nullable: true,
  description:
    'Something said by one speaker, about any number of people, countries and organizations.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'The quote, or a faithful paraphrase.' }),
    kind: t.expose('kind', { type: StatementKindEnum }),
    speaker: t.field({
      type: Speaker,
      select: (_args, _ctx, nestedSelection) => ({
        speakerPerson: nestedSelection(true, [], 'Person'),
        speakerOrganization: nestedSelection(true, [], 'Organization'),
      }),
      resolve: (statement) => {
        if (statement.speakerPerson) return typed(statement.speakerPerson, 'Person');
        if (statement.speakerOrganization) {
          return typed(statement.speakerOrganization, 'Organization');
        }
        throw new Error(`statement ${statement.id} has no speaker`);
      },
    }),
    speakerRoles: t.field({
      type: [Role],
      description:
        "The speaker's roles held when it was said (periods overlapping the statement's date). For an undated statement: the roles without a known end.",
      select: (_args, _ctx, nestedSelection) => ({
        occurredOn: true,
        occurredPrecision: true,
        speakerPerson: {
          select: {
            roles: nestedSelection({
              orderBy: { id: 'asc' },
              select: {
                id: true,
                startDate: true,
                startPrecision: true,
                endDate: true,
                endPrecision: true,
              },
            }),
          },
        },
      }),
      resolve: (statement) =>
        (statement.speakerPerson?.roles ?? [])
          .filter((role) =>
            heldOn(role, partialDate(statement.occurredOn, statement.occurredPrecision)),
          )
          .slice(0, listCaps.speakerRoles),
    }),
    about: t.field({
      type: [Entity],
      description: 'Whom and what the statement is about.',
      select: (_args, _ctx, nestedSelection) => ({
        subjects: {
          orderBy: { id: 'asc' },
          take: listCaps.about,
          select: {
            person: nestedSelection(true, [], 'Person'),
            country: nestedSelection(true, [], 'Country'),
            organization: nestedSelection(true, [], 'Organization'),
          },
        },
      }),
      resolve: (statement) => statement.subjects.map(subjectEntity),
    }),
    subjects: t.relatedConnection('subjects', {
      cursor: 'id',
      totalCount: true,
      description: 'The subjects with the stance the speaker takes toward each.',
      query: { orderBy: { id: 'asc' } },
    }),
    date: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was said, as precisely as known.',
      select: { occurredOn: true, occurredPrecision: true },
      resolve: (s) => partialDate(s.occurredOn, s.occurredPrecision),
    }),
    reportedOn: t.field({
      type: PartialDateRef,
      nullable: true,
      description: 'When it was first reported: the earliest publication date of its sources.',
      select: {
        attestations: {
          select: { source: { select: { publishedOn: true, publishedPrecision: true } } },
        },
      },
      resolve: (statement) => earliest(statement.attestations.map((a) => a.source)),
    }),
    recordedAt: t.expose('recordedAt', {
      type: 'DateTime',
      description: 'When it was recorded in the base.',
    }),
    confidence: t.exposeFloat('confidence', { description: 'From 0 to 1.' }),
    verification: t.expose('verification', { type: VerificationEnum }),
    attestations: t.relatedConnection('attestations', {
      cursor: 'id',
      totalCount: true,
      description: 'The sources that report it, each with the supporting excerpt.',
      query: { orderBy: { id: 'asc' } },
    }),
  }),
});

type RolePeriod = {
  startDate: Date | null;
  startPrecision: PartialDate['precision'] | null;
  endDate: Date | null;
  endPrecision: PartialDate['precision'] | null;
};

/** Whether a role's period overlaps `date`'s (unknown bounds are open). */
export function heldOn(role: RolePeriod, date: PartialDate | null): boolean {
  const end = partialDate(role.endDate, role.endPrecision);
  if (!date) return !end;
  const start = partialDate(role.startDate, role.startPrecision);
  return (!start || start.date <= lastDayOf(date)) && (!end || lastDayOf(end) >= date.date);
}

type SubjectRow = { person: object | null; country: object | null; organization: object | null };

function subjectEntity(subject: SubjectRow): object {
  if (subject.person) return typed(subject.person, 'Person');
  if (subject.country) return typed(subject.country, 'Country');
  if (subject.organization) return typed(subject.organization, 'Organization');
  throw new Error('a statement subject names no entity');
}

function earliest(
  sources: { publishedOn: Date | null; publishedPrecision: 'DAY' | 'MONTH' | 'YEAR' | null }[],
) {
  const dates = sources
    .map((s) => partialDate(s.publishedOn, s.publishedPrecision))
    .filter((d) => d !== null)
    .sort((a, b) => a.date.getTime() - b.date.getTime());
  return dates[0] ?? null;
}

builder.prismaObject('StatementSubject', {
  select: { id: true },
  description: 'One subject of a statement and the stance taken toward it.',
  fields: (t) => ({
    stance: t.expose('stance', {
      type: StanceEnum,
      nullable: true,
      description: 'Null when the text does not say.',
    }),
    entity: t.field({
      type: Entity,
      select: (_args, _ctx, nestedSelection) => ({
        person: nestedSelection(true, [], 'Person'),
        country: nestedSelection(true, [], 'Country'),
        organization: nestedSelection(true, [], 'Organization'),
      }),
      resolve: (subject) => subjectEntity(subject as unknown as SubjectRow),
    }),
    statement: t.relation('statement'),
  }),
});

// "Statements about X" pages through X's mentions and yields the statements, newest first.
const mentions = prismaConnectionHelpers(builder, 'StatementSubject', {
  cursor: 'id',
  args: (t) => ({ filter: t.field({ type: StatementFilter, required: false }) }),
  query: ({ filter }) => ({
    where: { statement: statementWhere(filter) },
    orderBy: { statementId: 'desc' as const },
  }),
  select: (nodeSelection) => ({ stance: true, statement: nodeSelection({ select: { id: true } }) }),
  // Typed as the whole row: the selection holds whatever the query asks of the node.
  resolveNode: (mention) => mention.statement as StatementRow,
});

const mentionColumn = {
  Person: 'personId',
  Country: 'countryId',
  Organization: 'organizationId',
} as const;

for (const type of ['Person', 'Country', 'Organization'] as const) {
  builder.prismaObjectField(type, 'statementsAbout', (t) =>
    t.connection(
      {
        type: Statement,
        description:
          'Statements about this entity, newest first, each edge with the stance taken. `filter` narrows them, e.g. to one speaker: "what did X say about this".',
        args: mentions.getArgs(),
        select: (args, ctx, nestedSelection) => ({
          id: true,
          mentions: mentions.getQuery(args, ctx, nestedSelection),
        }),
        resolve: (parent, args, ctx) => ({
          ...mentions.resolve(parent.mentions, args, ctx),
          totalCount: () =>
            countOf(ctx, `mentions:${type}:${JSON.stringify(args.filter)}`, parent.id, (ids) =>
              db()
                .statementSubject.groupBy({
                  by: [mentionColumn[type]],
                  where: {
                    [mentionColumn[type]]: { in: ids },
                    statement: statementWhere(args.filter),
                  },
                  _count: { _all: true },
                })
                .then((rows) => countsBy(rows, mentionColumn[type])),
            ),
        }),
      },
      {},
      {
        fields: (edge) => ({
          stance: edge.field({
            type: StanceEnum,
            nullable: true,
            description: 'How the speaker positions itself toward this subject.',
            resolve: (mention) => mention.stance,
          }),
        }),
      },
    ),
  );
}

for (const type of ['Person', 'Organization'] as const) {
  builder.prismaObjectField(type, 'statements', (t) =>
    t.relatedConnection('statements', {
      cursor: 'id',
      totalCount: true,
      description:
        'Statements made by this speaker, in the order they were said unless `orderBy` says otherwise.',
      args: {
        filter: t.arg({ type: StatementFilter, required: false }),
        orderBy: t.arg({ type: StatementOrderEnum, required: false }),
      },
      query: ({ filter, orderBy }) => ({
        where: statementWhere(filter),
        orderBy: statementOrderBy(orderBy),
      }),
    }),
  );
}

builder.queryField('statements', (t) =>
  t.prismaConnection({
    type: 'Statement',
    cursor: 'id',
    description: 'Statements, in the order they were said unless `orderBy` says otherwise.',
    args: {
      filter: t.arg({ type: StatementFilter, required: false }),
      speakerRole: t.arg({ type: SpeakerRoleFilter, required: false }),
      orderBy: t.arg({ type: StatementOrderEnum, required: false }),
    },
    resolve: async (query, _parent, { filter, speakerRole, orderBy }) => {
      const where = { AND: [statementWhere(filter), await speakerRoleWhere(speakerRole)] };
      return keysetPage<StatementRow>(db().statement, query, where, statementKeyset(orderBy));
    },
    totalCount: async (_parent, { filter, speakerRole }) =>
      db().statement.count({
        where: { AND: [statementWhere(filter), await speakerRoleWhere(speakerRole)] },
      }),
  }),
);
