// What each field the compiler can translate is in SQL. It mirrors the Pothos definitions in
// src/schema/ (same columns and relations; orders and filters are theirs, translated);
// tests/compiled-reads.test.ts runs queries both ways and fails on any difference. A field missing
// here is executed the usual way.
import { meetingOrderBy, meetingWhere } from '../schema/meeting/meeting.js';
import { currentRoles, roleOrder } from '../schema/person/person.js';
import { statementOrderBy } from '../schema/statement/filter.js';
import { orderTerms, Unsupported, whereSql } from './prisma-args.js';
import type { OrderTerm, SqlBuilder } from './sql.js';

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
  /** Rows of `type` whose `foreignKey` refers to this row (and that pass a Prisma `where`). */
  | {
      kind: 'list';
      type: string;
      foreignKey: string;
      where?: object;
      order: OrderTerm[];
      /** The most rows the list holds (the resolvers' `take`). */
      take?: number;
    }
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

const byId = orderTerms({ id: 'asc' });

const column = (name: string): Field => ({ kind: 'column', column: name });
const one = (type: string, key: string): Field => ({ kind: 'one', type, key });
const connection = (spec: Connection): Field => ({ kind: 'connection', ...spec });

// "Statements about X": X's mentions, newest statement first, each edge with its stance.
const statementsAbout = (foreignKey: string) =>
  connection({
    table: 'StatementSubject',
    foreignKey,
    order: orderTerms({ statementId: 'desc' }),
    node: { type: 'Statement', key: 'statementId' },
    edgeFields: { stance: 'stance' },
  });

const entityFields = {
  id: { kind: 'id' },
  name: column('name'),
  description: column('description'),
} satisfies Record<string, Field>;

type StatementOrder = Parameters<typeof statementOrderBy>[0];
type MeetingOrder = Parameters<typeof meetingOrderBy>[0];

const statementsBy = (foreignKey?: string): Connection => ({
  table: 'Statement',
  foreignKey,
  accepts: ['orderBy'],
  order: (args) => orderTerms(statementOrderBy(args.orderBy as StatementOrder)),
  node: { type: 'Statement' },
});

/** The resolvers' own Prisma condition; input they refuse is theirs to refuse, with their error. */
function resolverWhere(where: () => unknown, sql: SqlBuilder, alias: string): string {
  let condition: unknown;
  try {
    condition = where();
  } catch {
    throw new Unsupported('input the resolvers refuse');
  }
  return whereSql(condition, alias, sql);
}

/** Root connections by field name. */
export const rootConnections: Record<string, Connection> = {
  meetings: {
    table: 'Meeting',
    accepts: ['orderBy', 'filter'],
    order: (args) => orderTerms(meetingOrderBy(args.orderBy as MeetingOrder)),
    where: (args, sql, alias) =>
      resolverWhere(
        () => meetingWhere(args.filter as Parameters<typeof meetingWhere>[0]),
        sql,
        alias,
      ),
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
      where: currentRoles.where,
      order: orderTerms(currentRoles.orderBy),
      take: currentRoles.take,
    },
    roles: connection({
      table: 'Role',
      foreignKey: 'personId',
      order: orderTerms(roleOrder),
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
