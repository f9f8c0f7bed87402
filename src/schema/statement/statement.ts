import { prismaConnectionHelpers } from '@pothos/plugin-prisma';
import { db } from '../../db/client.js';
import { builder } from '../builder.js';
import { Organization } from '../organization/organization.js';
import { Person } from '../person/person.js';
import { Entity, typed, typenameOf } from '../shared/entity.js';
import { decodeId } from '../shared/ids.js';
import {
  DateRangeInput,
  overlapsRange,
  PartialDateRef,
  partialDate,
} from '../shared/partial-date.js';

export const StatementKindEnum = builder.enumType('StatementKind', {
  values: {
    QUOTE: { description: "The speaker's own words, quoted." },
    PARAPHRASE: { description: 'A faithful paraphrase of what the speaker said.' },
    REPORT: { description: 'A claim the speaker reported, e.g. an intelligence assessment.' },
  } as const,
});

export const StanceEnum = builder.enumType('Stance', {
  description: 'How the speaker positions itself toward a subject of its statement.',
  values: ['SUPPORTS', 'CRITICIZES', 'NEUTRAL', 'DENIES'] as const,
});

export const VerificationEnum = builder.enumType('Verification', {
  values: {
    VERIFIED: { description: 'Checked by a person.' },
    EXTRACTED: { description: 'Extracted automatically and not yet checked.' },
  } as const,
});

export const Speaker = builder.unionType('Speaker', {
  description:
    'Who made a statement: a person, or an organization such as an intelligence service.',
  types: [Person, Organization],
  resolveType: typenameOf,
});

const statementOrder = [
  { occurredOn: { sort: 'asc', nulls: 'last' } },
  { id: 'asc' },
] as const satisfies object[];

export const Statement = builder.prismaNode('Statement', {
  id: { field: 'id' },
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
    about: t.field({
      type: [Entity],
      description: 'Whom and what the statement is about.',
      select: (_args, _ctx, nestedSelection) => ({
        subjects: {
          orderBy: { id: 'asc' },
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
  query: { orderBy: { statementId: 'desc' } },
  select: (nodeSelection) => ({ stance: true, statement: nodeSelection({}) }),
  resolveNode: (mention) => mention.statement,
});

for (const type of ['Person', 'Country', 'Organization'] as const) {
  builder.prismaObjectField(type, 'statementsAbout', (t) =>
    t.connection(
      {
        type: Statement,
        description: 'Statements about this entity, newest first, each edge with the stance taken.',
        select: (args, ctx, nestedSelection) => ({
          _count: { select: { mentions: true } },
          mentions: mentions.getQuery(args, ctx, nestedSelection),
        }),
        resolve: (parent, args, ctx) => ({
          ...mentions.resolve(parent.mentions, args, ctx),
          totalCount: parent._count.mentions,
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
      description: 'Statements made by this speaker, in the order they were said.',
      query: { orderBy: statementOrder },
    }),
  );
}

const StatementFilter = builder.inputType('StatementFilter', {
  fields: (t) => ({
    speaker: t.id({
      required: false,
      description: 'The ID of the person or organization that said it.',
    }),
    subject: t.id({
      required: false,
      description: 'The ID of a person, country or organization the statement is about.',
    }),
    speakerCountry: t.id({
      required: false,
      description:
        "The ID of the country of the speaker (a person's nationality or an organization's country).",
    }),
    kind: t.field({ type: StatementKindEnum, required: false }),
    date: t.field({ type: DateRangeInput, required: false, description: 'When it was said.' }),
    retracted: t.boolean({
      required: false,
      description: 'false leaves out statements their speaker retracted; true keeps only those.',
    }),
  }),
});

type StatementFilterValue = typeof StatementFilter.$inferInput;

function statementWhere(filter: StatementFilterValue | null | undefined) {
  const conditions: object[] = [];
  if (filter?.speaker) {
    const speaker = decodeId(filter.speaker, ['Person', 'Organization'], 'filter.speaker');
    conditions.push(
      speaker.type === 'Person'
        ? { speakerPersonId: speaker.id }
        : { speakerOrganizationId: speaker.id },
    );
  }
  if (filter?.subject) {
    const subject = decodeId(
      filter.subject,
      ['Person', 'Country', 'Organization'],
      'filter.subject',
    );
    const column = { Person: 'personId', Country: 'countryId', Organization: 'organizationId' }[
      subject.type
    ];
    conditions.push({ subjects: { some: { [column]: subject.id } } });
  }
  if (filter?.speakerCountry) {
    const { id } = decodeId(filter.speakerCountry, ['Country'], 'filter.speakerCountry');
    conditions.push({
      OR: [{ speakerPerson: { countryId: id } }, { speakerOrganization: { countryId: id } }],
    });
  }
  if (filter?.kind) conditions.push({ kind: filter.kind });
  const date = overlapsRange(filter?.date, 'occurredOn', 'occurredPrecision', 'filter.date');
  if (date) conditions.push(date);
  if (filter?.retracted != null) {
    const retraction = { responses: { some: { kind: 'RETRACTS' as const } } };
    conditions.push(filter.retracted ? retraction : { NOT: retraction });
  }
  return { AND: conditions };
}

builder.queryField('statements', (t) =>
  t.prismaConnection({
    type: 'Statement',
    cursor: 'id',
    description: 'Statements in the order they were said (undated ones last).',
    args: { filter: t.arg({ type: StatementFilter, required: false }) },
    resolve: (query, _parent, { filter }) =>
      db().statement.findMany({ ...query, where: statementWhere(filter), orderBy: statementOrder }),
    totalCount: (_parent, { filter }) => db().statement.count({ where: statementWhere(filter) }),
  }),
);
