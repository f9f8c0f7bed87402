import type { Prisma } from '../../../prisma/generated/sqlite/client/client.js';
import { builder } from '../builder.js';
import { EntityRefInput, type EntityRefValue, refTarget } from '../shared/entity-ref.js';
import { badInput } from '../shared/errors.js';
import { boundedList, type Combinable, combine, matchesNothing } from '../shared/filter-logic.js';
import { decodeId } from '../shared/ids.js';
import { type KeysetOrder, keysetOrderBy } from '../shared/keyset.js';
import { DateRangeInput, overlapsRange } from '../shared/partial-date.js';
import { textCondition } from '../shared/text-filter.js';
import { StanceEnum, StatementKindEnum, VerificationEnum } from './enums.js';

type StanceFilterValue = {
  toward: EntityRefValue;
  is: ('SUPPORTS' | 'CRITICIZES' | 'NEUTRAL' | 'DENIES')[];
};

export interface StatementFilterValue extends Combinable<StatementFilterValue> {
  speaker?: EntityRefValue | null;
  speakerCountry?: EntityRefValue | null;
  subject?: EntityRefValue | null;
  subjectsAnyOf?: EntityRefValue[] | null;
  subjectsAllOf?: EntityRefValue[] | null;
  stance?: StanceFilterValue | null;
  kind?: 'QUOTE' | 'PARAPHRASE' | 'REPORT' | null;
  date?: { from?: Date | null; to?: Date | null } | null;
  source?: string | null;
  reportedBy?: Date | null;
  recordedBy?: Date | null;
  retracted?: boolean | null;
  text?: string | null;
  reportedIn?: { from?: Date | null; to?: Date | null } | null;
  verification?: 'VERIFIED' | 'EXTRACTED' | null;
}

const StanceFilter = builder.inputType('StanceFilter', {
  description: 'Statements taking one of these stances toward one subject.',
  fields: (t) => ({
    toward: t.field({
      type: EntityRefInput,
      required: true,
      description: 'The person, country or organization.',
    }),
    is: t.field({
      type: [StanceEnum],
      required: true,
      description: 'Any of these stances (not empty).',
    }),
  }),
});

export const StatementFilter = builder.inputRef<StatementFilterValue>('StatementFilter').implement({
  description: 'Conditions on statements; all given fields must hold. Combine with AND, OR, NOT.',
  fields: (t) => ({
    speaker: t.field({
      type: EntityRefInput,
      required: false,
      description: 'The person or organization that said it.',
    }),
    speakerCountry: t.field({
      type: EntityRefInput,
      required: false,
      description:
        "The country of the speaker (a person's nationality or an organization's country).",
    }),
    subject: t.field({
      type: EntityRefInput,
      required: false,
      description: 'A person, country or organization the statement is about.',
    }),
    subjectsAnyOf: t.field({
      type: [EntityRefInput],
      required: false,
      description: 'About at least one of these people, countries or organizations.',
    }),
    subjectsAllOf: t.field({
      type: [EntityRefInput],
      required: false,
      description: 'About every one of these people, countries or organizations.',
    }),
    stance: t.field({ type: StanceFilter, required: false }),
    kind: t.field({ type: StatementKindEnum, required: false }),
    date: t.field({ type: DateRangeInput, required: false, description: 'When it was said.' }),
    source: t.id({ required: false, description: 'The ID of a source that reports it.' }),
    reportedBy: t.field({
      type: 'Date',
      required: false,
      description:
        'As of this date: only statements a source published by then reports (a source dated to a month or year counts from its first day).',
    }),
    reportedIn: t.field({
      type: DateRangeInput,
      required: false,
      description:
        'A source published in this range reports it (with `date`, e.g. OR of the two, it also finds undated statements reported then).',
    }),
    recordedBy: t.field({
      type: 'DateTime',
      required: false,
      description: 'As of this instant: only statements recorded in the base by then.',
    }),
    retracted: t.boolean({
      required: false,
      description: 'false leaves out statements their speaker retracted; true keeps only those.',
    }),
    text: t.string({
      required: false,
      description:
        'Its text or an excerpt attesting it matches this search, in the syntax of `search` ("a phrase", prefix*, other forms of a word). Order by RELEVANCE for the best matches first.',
    }),
    verification: t.field({
      type: VerificationEnum,
      required: false,
      description: 'VERIFIED keeps to what a curator checked; EXTRACTED to what awaits review.',
    }),
    AND: t.field({ type: [StatementFilter], required: false }),
    OR: t.field({ type: [StatementFilter], required: false }),
    NOT: t.field({ type: StatementFilter, required: false }),
  }),
});

const subjectColumn = {
  Person: 'personId',
  Country: 'countryId',
  Organization: 'organizationId',
} as const;

/** The StatementSubject condition naming the entity `ref` refers to. */
export function subjectIs(ref: EntityRefValue, argument: string) {
  const subject = refTarget(ref, ['Person', 'Country', 'Organization'], argument);
  return subject ? { [subjectColumn[subject.type]]: subject.id } : matchesNothing;
}

function ownConditions(filter: StatementFilterValue, path: string): object[] {
  const conditions: object[] = [];
  if (filter.speaker) {
    const speaker = refTarget(filter.speaker, ['Person', 'Organization'], `${path}.speaker`);
    conditions.push(
      !speaker
        ? matchesNothing
        : speaker.type === 'Person'
          ? { speakerPersonId: speaker.id }
          : { speakerOrganizationId: speaker.id },
    );
  }
  if (filter.speakerCountry) {
    const country = refTarget(filter.speakerCountry, ['Country'], `${path}.speakerCountry`);
    conditions.push(
      country
        ? {
            OR: [
              { speakerPerson: { countryId: country.id } },
              { speakerOrganization: { countryId: country.id } },
            ],
          }
        : matchesNothing,
    );
  }
  if (filter.subject) {
    conditions.push({ subjects: { some: subjectIs(filter.subject, `${path}.subject`) } });
  }
  const anyOf = boundedList(filter.subjectsAnyOf, `${path}.subjectsAnyOf`);
  if (anyOf.length) {
    conditions.push({
      subjects: {
        some: { OR: anyOf.map((ref, i) => subjectIs(ref, `${path}.subjectsAnyOf[${i}]`)) },
      },
    });
  }
  for (const [i, ref] of boundedList(filter.subjectsAllOf, `${path}.subjectsAllOf`).entries()) {
    conditions.push({ subjects: { some: subjectIs(ref, `${path}.subjectsAllOf[${i}]`) } });
  }
  if (filter.stance) {
    if (!filter.stance.is.length) throw badInput(`${path}.stance.is`, 'must not be empty');
    conditions.push({
      subjects: {
        some: {
          ...subjectIs(filter.stance.toward, `${path}.stance.toward`),
          stance: { in: filter.stance.is },
        },
      },
    });
  }
  if (filter.kind) conditions.push({ kind: filter.kind });
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
  const reportedIn = overlapsRange(
    filter.reportedIn,
    'publishedOn',
    'publishedPrecision',
    `${path}.reportedIn`,
  );
  if (reportedIn) conditions.push({ attestations: { some: { source: reportedIn } } });
  if (filter.recordedBy) conditions.push({ recordedAt: { lte: filter.recordedBy } });
  if (filter.text != null) conditions.push(textCondition('Statement', filter.text, `${path}.text`));
  if (filter.retracted != null) {
    const retraction = { responses: { some: { kind: 'RETRACTS' as const } } };
    conditions.push(filter.retracted ? retraction : { NOT: retraction });
  }
  return conditions;
}

/** The Prisma `where` of a statement filter. */
export function statementWhere(
  filter: StatementFilterValue | null | undefined,
  path = 'filter',
): Prisma.StatementWhereInput {
  return combine(filter, ownConditions, path);
}

export const StatementOrderEnum = builder.enumType('StatementOrder', {
  values: {
    DATE_ASC: { description: 'Oldest first, undated last.' },
    DATE_DESC: { description: 'Newest first, undated last.' },
    RECORDED_DESC: { description: 'Most recently recorded in the base first.' },
    RELEVANCE: {
      description:
        'Best matches of `filter.text` first (root `statements` only; needs `filter.text`).',
    },
  } as const,
});

export type StatementOrder = 'DATE_ASC' | 'DATE_DESC' | 'RECORDED_DESC' | 'RELEVANCE';

/** The column an order sorts by; the ID breaks ties, so cursors stay stable across pages. */
export function statementKeyset(order: StatementOrder | null | undefined): KeysetOrder {
  switch (order ?? 'DATE_ASC') {
    case 'DATE_ASC':
      return { column: 'occurredOn', direction: 'asc', nullable: true };
    case 'DATE_DESC':
      return { column: 'occurredOn', direction: 'desc', nullable: true };
    case 'RECORDED_DESC':
      return { column: 'recordedAt', direction: 'desc', nullable: false };
    case 'RELEVANCE':
      throw badInput('orderBy', 'RELEVANCE orders the root statements connection only');
  }
}

/** The same order as Prisma's orderBy. */
export function statementOrderBy(
  order: StatementOrder | null | undefined,
): Prisma.StatementOrderByWithRelationInput[] {
  return keysetOrderBy(statementKeyset(order));
}
