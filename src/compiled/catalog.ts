// What each field the compiler can translate is in SQL. It mirrors the Pothos definitions in
// src/schema/ (same columns, relations and orders); tests/compiled-reads.test.ts runs queries
// both ways and fails on any difference. A field missing here is executed the usual way.
import { meetingKeyset } from '../schema/meeting/meeting.js';
import type { KeysetOrder } from '../schema/shared/keyset.js';
import { statementKeyset } from '../schema/statement/filter.js';
import type { OrderTerm, SqlBuilder } from './sql.js';
import { columnOf } from './sql.js';

export type Field =
  /** A column whose value is already the JSON value (text, number, enum name). */
  | { kind: 'column'; column: string }
  /** The Relay global ID of the row. */
  | { kind: 'id' }
  /** A PartialDate from a (date, precision) column pair. */
  | { kind: 'partialDate'; date: string; precision: string }
  /** The row of `type` that the column `key` refers to. */
  | { kind: 'one'; type: string; key: string }
  /** The first of several optional references that is set (unions and interfaces). */
  | { kind: 'oneOf'; options: { type: string; key: string }[] }
  /** Rows of `type` whose `foreignKey` refers to this row. */
  | { kind: 'list'; type: string; foreignKey: string; where?: string; order: OrderTerm[] }
  | ({ kind: 'connection' } & Connection);

export type Args = Record<string, unknown>;

export type Connection = {
  /** The table of the edges' rows; their `id` makes the cursor. */
  table: string;
  /** Its column referring to the parent row (none for root connections). */
  foreignKey?: string;
  order: OrderTerm[] | ((args: Args) => OrderTerm[]);
  /** Arguments besides first/after/before/last that `order` and `where` read; others must be unset. */
  accepts?: string[];
  /** A condition on the edge rows from the arguments; throws Unsupported for what it cannot say. */
  where?: (args: Args, sql: SqlBuilder, alias: string) => string | undefined;
  /** The node's type, and the edge row's column referring to it unless the edge row is the node. */
  node: { type: string; key?: string };
  /** Edge fields read from the edge row's columns. */
  edgeFields?: Record<string, string>;
};

const asc = (column: string): OrderTerm => ({ column, direction: 'asc' });
const byId = [asc('id')];
// Earliest start first, unknown starts last (Person.roles, currentRoles).
const roleOrder: OrderTerm[] = [
  { column: 'startDate', direction: 'asc', nulls: 'last' },
  asc('id'),
];

const column = (name: string): Field => ({ kind: 'column', column: name });
const one = (type: string, key: string): Field => ({ kind: 'one', type, key });
const connection = (spec: Connection): Field => ({ kind: 'connection', ...spec });

// "Statements about X": X's mentions, newest statement first, each edge with its stance.
const statementsAbout = (foreignKey: string) =>
  connection({
    table: 'StatementSubject',
    foreignKey,
    order: [{ column: 'statementId', direction: 'desc' }],
    node: { type: 'Statement', key: 'statementId' },
    edgeFields: { stance: 'stance' },
  });

const entityFields = {
  id: { kind: 'id' },
  name: column('name'),
  description: column('description'),
} satisfies Record<string, Field>;

/** Our keyset orders as Prisma's orderBy has them (src/schema/shared/keyset.ts). */
function keysetTerms({ column, direction, nullable }: KeysetOrder): OrderTerm[] {
  return [
    { column, direction, ...(nullable ? { nulls: 'last' as const } : {}) },
    { column: 'id', direction },
  ];
}

type StatementOrder = Parameters<typeof statementKeyset>[0];
type MeetingOrder = Parameters<typeof meetingKeyset>[0];

const statementsBy = (foreignKey?: string): Connection => ({
  table: 'Statement',
  foreignKey,
  accepts: ['orderBy'],
  order: (args) => keysetTerms(statementKeyset(args.orderBy as StatementOrder)),
  node: { type: 'Statement' },
});

export class Unsupported extends Error {}

/**
 * The meetings filter's date range (overlapsRange in src/schema/shared/partial-date.ts): the
 * period a date stands for overlaps [from, to]. Other filter fields are not translated.
 */
function meetingDateWhere(args: Args, sql: SqlBuilder, alias: string): string | undefined {
  const filter = args.filter as { date?: { from?: Date | null; to?: Date | null } } | null;
  if (filter == null) return undefined;
  const { date, ...others } = filter;
  if (Object.values(others).some((value) => value != null)) throw new Unsupported('filter');
  if (!date || (!date.from && !date.to)) return undefined;
  const { from, to } = date;
  if (from && to && from > to) throw new Unsupported('from after to');
  const on = columnOf(alias, 'occurredOn');
  const precision = columnOf(alias, 'occurredPrecision');
  const conditions: string[] = [];
  if (to) conditions.push(`${on} <= ${sql.instant(to)}`);
  if (from) {
    const month = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
    const year = sql.instant(new Date(Date.UTC(from.getUTCFullYear(), 0, 1)));
    conditions.push(
      `${on} >= ${year}`,
      `((${precision} = 'DAY' AND ${on} >= ${sql.instant(from)}) OR (${precision} = 'MONTH' AND ${on} >= ${sql.instant(month)}) OR (${precision} = 'YEAR' AND ${on} >= ${year}))`,
    );
  }
  return conditions.join(' AND ');
}

/** Root connections by field name. */
export const rootConnections: Record<string, Connection> = {
  meetings: {
    table: 'Meeting',
    accepts: ['orderBy', 'filter'],
    order: (args) => keysetTerms(meetingKeyset(args.orderBy as MeetingOrder)),
    where: meetingDateWhere,
    node: { type: 'Meeting' },
  },
  statements: statementsBy(),
};

/** Types by GraphQL name; each one's table has the same name. */
export const catalog: Record<string, Record<string, Field>> = {
  Person: {
    ...entityFields,
    country: one('Country', 'countryId'),
    currentRoles: {
      kind: 'list',
      type: 'Role',
      foreignKey: 'personId',
      where: '"endDate" IS NULL',
      order: roleOrder,
    },
    roles: connection({
      table: 'Role',
      foreignKey: 'personId',
      order: roleOrder,
      node: { type: 'Role' },
    }),
    statements: connection(statementsBy('speakerPersonId')),
    statementsAbout: statementsAbout('personId'),
  },
  Organization: {
    ...entityFields,
    country: one('Country', 'countryId'),
    statements: connection(statementsBy('speakerOrganizationId')),
    statementsAbout: statementsAbout('organizationId'),
  },
  Country: {
    ...entityFields,
    isoCode: column('iso2'),
    isoCode3: column('iso3'),
    statementsAbout: statementsAbout('countryId'),
  },
  Role: {
    id: { kind: 'id' },
    title: column('title'),
    person: one('Person', 'personId'),
    country: one('Country', 'countryId'),
    organization: one('Organization', 'organizationId'),
    start: { kind: 'partialDate', date: 'startDate', precision: 'startPrecision' },
    end: { kind: 'partialDate', date: 'endDate', precision: 'endPrecision' },
  },
  Statement: {
    id: { kind: 'id' },
    text: column('text'),
    kind: column('kind'),
    confidence: column('confidence'),
    verification: column('verification'),
    date: { kind: 'partialDate', date: 'occurredOn', precision: 'occurredPrecision' },
    speaker: {
      kind: 'oneOf',
      options: [
        { type: 'Person', key: 'speakerPersonId' },
        { type: 'Organization', key: 'speakerOrganizationId' },
      ],
    },
    subjects: connection({
      table: 'StatementSubject',
      foreignKey: 'statementId',
      order: byId,
      node: { type: 'StatementSubject' },
    }),
    attestations: connection({
      table: 'Attestation',
      foreignKey: 'statementId',
      order: byId,
      node: { type: 'Attestation' },
    }),
  },
  StatementSubject: {
    stance: column('stance'),
    entity: {
      kind: 'oneOf',
      options: [
        { type: 'Person', key: 'personId' },
        { type: 'Country', key: 'countryId' },
        { type: 'Organization', key: 'organizationId' },
      ],
    },
    statement: one('Statement', 'statementId'),
  },
  Meeting: {
    id: { kind: 'id' },
    kind: column('kind'),
    status: column('status'),
    topic: column('topic'),
    placeName: column('placeName'),
    confidence: column('confidence'),
    verification: column('verification'),
    country: one('Country', 'countryId'),
    date: { kind: 'partialDate', date: 'occurredOn', precision: 'occurredPrecision' },
    participants: connection({
      table: 'MeetingParticipant',
      foreignKey: 'meetingId',
      order: byId,
      node: { type: 'Person', key: 'personId' },
    }),
    attestations: connection({
      table: 'Attestation',
      foreignKey: 'meetingId',
      order: byId,
      node: { type: 'Attestation' },
    }),
  },
  Attestation: {
    id: { kind: 'id' },
    excerpt: column('excerpt'),
    startOffset: column('startOffset'),
    endOffset: column('endOffset'),
    source: one('Source', 'sourceId'),
    statement: one('Statement', 'statementId'),
    meeting: one('Meeting', 'meetingId'),
  },
  Source: {
    id: { kind: 'id' },
    title: column('title'),
    publisher: column('publisher'),
    url: column('url'),
    language: column('language'),
    contentHash: column('contentHash'),
    text: column('text'),
    publishedOn: { kind: 'partialDate', date: 'publishedOn', precision: 'publishedPrecision' },
  },
};
