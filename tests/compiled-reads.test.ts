// Compiled reads (src/compiled/) answer exactly as the resolvers do. The test walks the schema:
// every field the compiler derives a translation for is selected, two levels deep, and every other
// field of every node type alone, on rows picked for their nulls and kinds, on a generated
// dataset; each query runs through a server with compiled reads and one without, and the answers
// must be equal (and compiled exactly when the field has a translation).

import { formatPrismaCursor } from '@pothos/plugin-prisma';
import { getNamedType, isEnumType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset, loadDataset } from '../bench/generate.js';
import { pickParams } from '../bench/params.js';
import { globalId, type ShapeParams, shapes } from '../bench/shapes.js';
import { catalogOf } from '../src/compiled/derive.js';
import { loadConfig } from '../src/config.js';
import { connect, type Database } from '../src/db/client.js';
import { createLogger } from '../src/observability/logger.js';
import { newRequestScope, requestScope } from '../src/plugins/request-scope.js';
import { schema } from '../src/schema/index.js';
import { createYogaServer } from '../src/yoga.js';
import { createEmptyDatabase } from './helpers/database.js';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const server = (compiled: boolean) =>
  createYogaServer(
    loadConfig({ NODE_ENV: 'test', RATE_LIMIT_POINTS: '0', COMPILED_READS: String(compiled) }),
    { logger },
  );
const compiledServer = server(true);
const resolverServer = server(false);

let databaseUrl: string;
let database: Database;
let remove: () => Promise<void>;
let params: ShapeParams;
/** Global IDs to query per type, chosen to cover nulls, both speaker kinds and every precision. */
const ids: Record<string, string[]> = {};

async function run(yoga: typeof compiledServer, query: string, variables?: object) {
  const sql: string[] = [];
  const stop = database.onQuery(({ query: statement }) => sql.push(statement));
  try {
    const response = await requestScope.run(newRequestScope(), () =>
      yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    await new Promise((resolve) => setImmediate(resolve));
    return { ...body, sql };
  } finally {
    stop();
  }
}

const isCompiled = (sql: string[]) =>
  sql.length === 1 && /^SELECT \(?json_(build_)?object\(/.test(sql[0] ?? '');

/** Runs the query both ways; the compiled answer must be the resolvers' answer. */
async function expectSameAnswer(query: string, variables?: object, compiled = true) {
  const [fast, reference] = [
    await run(compiledServer, query, variables),
    await run(resolverServer, query, variables),
  ];
  expect(reference.errors).toBeUndefined();
  expect(fast.errors).toBeUndefined();
  expect(fast.data).toEqual(reference.data);
  expect(JSON.stringify(fast.data)).toBe(JSON.stringify(reference.data));
  expect(isCompiled(fast.sql), `compiled: ${fast.sql.join('\n')}`).toBe(compiled);
  return fast.data as Record<string, unknown>;
}

const catalog = catalogOf(schema);

/** Every field of `type` the compiler translates, relations followed `depth` levels. */
function selection(type: string, depth: number, pageInfo = true): string {
  const parts = ['__typename'];
  for (const [name, field] of catalog.types.get(type) ?? []) {
    switch (field.kind) {
      case 'column':
      case 'id':
        parts.push(name);
        break;
      case 'partialDate':
        parts.push(`${name} { text precision date lastDate }`);
        break;
      case 'one':
      case 'list':
        if (depth > 0) parts.push(`${name} { ${selection(field.type, depth - 1)} }`);
        break;
      case 'oneOf':
        if (depth > 0) {
          const options = field.options.map(
            (o) => `... on ${o.type} { ${selection(o.type, depth - 1, pageInfo)} }`,
          );
          parts.push(`${name} { __typename ${options.join(' ')} }`);
        }
        break;
      case 'connection':
        if (depth > 0) {
          const edge = Object.keys(field.edgeColumns).join(' ');
          parts.push(
            `${name}(first: 3) { edges { cursor ${edge} node { ${selection(field.node.type, depth - 1, pageInfo)} } } ${pageInfo ? 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }' : ''} }`,
          );
        }
        break;
    }
  }
  return parts.join(' ');
}

/** The node types of the schema whose rows the test picks (every one with a prisma model). */
const nodeTypeNames = Object.values(schema.getTypeMap())
  .filter(
    (type) =>
      isObjectType(type) &&
      type.getInterfaces().some((i) => i.name === 'Node') &&
      type.extensions?.pothosPrismaModel === type.name,
  )
  .map((type) => type.name);

/** A small selection of any field's type: leaves as they are, objects by their typename. */
function leafSelection(typeName: string): string {
  const type = schema.getType(typeName);
  if (isLeafType(type)) return '';
  const connection = isObjectType(type) && type.getFields().edges && type.getFields().pageInfo;
  return connection ? '{ __typename edges { cursor } }' : '{ __typename }';
}

beforeAll(async () => {
  ({ url: databaseUrl, remove } = await createEmptyDatabase());
  await loadDataset(databaseUrl, generateDataset(0.01, 2));
  params = {
    ...(await pickParams(databaseUrl, { deepRows: 10 })),
    deepCursor: { ours: '', postgraphile: '' },
  };
  database = connect(databaseUrl, { poolSize: 4 });
  const prisma = database.prisma;
  const pick = async (type: string, rows: Promise<{ id: number }[]>[]) => {
    const found = (await Promise.all(rows)).flat().map((row) => row.id);
    ids[type] = [...new Set(found)].map((id) => globalId(type, id));
  };
  const some = { select: { id: true }, take: 2 } as const;
  // Generated people hold one current role at most: give one person current roles whose id order,
  // date order and unknown starts disagree, so that a wrong order shows.
  const holder = await prisma.person.create({ data: { name: 'Holder', normalizedName: 'holder' } });
  for (const startDate of [new Date('2021-05-01'), null, new Date('2019-02-01')]) {
    await prisma.role.create({
      data: {
        personId: holder.id,
        title: 'Envoy',
        startDate,
        startPrecision: startDate ? 'MONTH' : null,
      },
    });
  }
  await pick('Person', [
    Promise.resolve([holder]),
    prisma.person.findMany({ ...some, where: { countryId: null } }),
    prisma.person.findMany({ ...some, where: { statements: { some: {} } } }),
    prisma.person.findMany({ ...some, where: { roles: { some: { endDate: { not: null } } } } }),
    prisma.person.findMany({ ...some, where: { mentions: { some: {} } } }),
  ]);
  await pick('Organization', [
    prisma.organization.findMany({ ...some, where: { statements: { some: {} } } }),
    prisma.organization.findMany({ ...some, where: { countryId: null } }),
  ]);
  await pick('Country', [prisma.country.findMany({ ...some, where: { mentions: { some: {} } } })]);
  await pick('Role', [
    prisma.role.findMany({ ...some, where: { startDate: null } }),
    prisma.role.findMany({ ...some, where: { endPrecision: 'MONTH' } }),
    prisma.role.findMany({ ...some, where: { endPrecision: 'YEAR' } }),
    prisma.role.findMany({ ...some, where: { organizationId: null } }),
  ]);
  await pick('Statement', [
    prisma.statement.findMany({ ...some, where: { occurredOn: null } }),
    prisma.statement.findMany({ ...some, where: { speakerOrganizationId: { not: null } } }),
    prisma.statement.findMany({ ...some, where: { occurredPrecision: 'YEAR' } }),
    prisma.statement.findMany({
      ...some,
      where: { subjects: { some: { countryId: { not: null } } } },
    }),
  ]);
  await pick('Meeting', [
    prisma.meeting.findMany({ ...some, where: { occurredOn: null } }),
    prisma.meeting.findMany({ ...some, where: { occurredPrecision: 'MONTH' } }),
    prisma.meeting.findMany({ ...some, where: { countryId: null } }),
  ]);
  await pick('Attestation', [
    prisma.attestation.findMany({ ...some, where: { meetingId: { not: null } } }),
    prisma.attestation.findMany({ ...some, where: { statementId: { not: null } } }),
  ]);
  await pick('Source', [
    prisma.source.findMany({ ...some, where: { publishedOn: null } }),
    prisma.source.findMany(some),
  ]);
  for (const type of nodeTypeNames.filter((name) => !ids[name])) {
    const delegate = (
      prisma as unknown as Record<string, { findMany(a: object): Promise<{ id: number }[]> }>
    )[type.charAt(0).toLowerCase() + type.slice(1)];
    if (delegate) await pick(type, [delegate.findMany(some)]);
  }
}, 120_000);

afterAll(async () => {
  await database?.close();
  await remove?.();
});

describe('compiled reads answer as the resolvers do', () => {
  it('derives a translation for every node type and the keyset-paged root connections', () => {
    expect([...catalog.nodeTypes].sort()).toEqual(
      nodeTypeNames.filter((name) => name !== 'Change').sort(),
    );
    expect([...catalog.roots.keys()].sort()).toEqual(['meetings', 'statements']);
  });

  for (const type of nodeTypeNames) {
    it(`node: each field of ${type} alone, compiled exactly when it has a translation`, async () => {
      const rows = ids[type] ?? [];
      if (catalog.nodeTypes.has(type)) expect(rows.length, `rows for ${type}`).toBeGreaterThan(0);
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      for (const [name, field] of Object.entries(object.getFields())) {
        if (field.args.some((arg) => isNonNullType(arg.type))) continue;
        const typeName = getNamedType(field.type).name;
        const page = field.args.some((arg) => arg.name === 'first') ? '(first: 2)' : '';
        const query = `query ($id: ID!) { node(id: $id) { ... on ${type} { ${name}${page} ${leafSelection(typeName)} } } }`;
        const compiled =
          catalog.nodeTypes.has(type) && (catalog.types.get(type)?.has(name) ?? false);
        for (const id of rows.slice(0, 2)) await expectSameAnswer(query, { id }, compiled);
      }
    });
  }

  for (const type of catalog.nodeTypes) {
    it(`node: every field of ${type}, two levels deep`, async () => {
      expect(ids[type]?.length, `rows picked for ${type}`).toBeGreaterThan(1);
      for (const pageInfo of [true, false]) {
        const query = `query ($id: ID!) { node(id: $id) { id ... on ${type} { ${selection(type, 2, pageInfo)} } } }`;
        for (const id of ids[type] ?? []) {
          const data = await expectSameAnswer(query, { id });
          expect(data.node).not.toBeNull();
        }
      }
    });
  }

  for (const [name, connection] of catalog.roots) {
    const orderArg = schema
      .getQueryType()
      ?.getFields()
      [name]?.args.find((a) => a.name === 'orderBy');
    const orderType = orderArg && getNamedType(orderArg.type);
    const orders = [
      null,
      ...(isEnumType(orderType) ? orderType.getValues().map((v) => v.name) : []),
    ];
    const filterArg = schema
      .getQueryType()
      ?.getFields()
      [name]?.args.find((a) => a.name === 'filter');
    const filterType = filterArg && getNamedType(filterArg.type);
    it(`${name}: every order, with and without a full page`, async () => {
      expect(orders.length).toBeGreaterThan(1);
      for (const orderBy of orders) {
        // Relevance is an order of matches: it needs a text to match, which the resolvers answer.
        const filter = orderBy === 'RELEVANCE' ? { text: 'said' } : null;
        for (const first of [1, 7, 100]) {
          const query = `query ($first: Int, $orderBy: ${orderType?.name}, $filter: ${filterType?.name}) {
            ${name}(first: $first, orderBy: $orderBy, filter: $filter) {
              pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
              edges { cursor node { ${selection(connection.node.type, 1)} } } } }`;
          await expectSameAnswer(query, { first, orderBy, filter }, filter === null);
        }
      }
    });
  }

  it('meetings: date ranges bounded on either side or both, at every precision', async () => {
    const query = `query ($from: Date, $to: Date) {
      meetings(first: 100, filter: { date: { from: $from, to: $to } }) {
        pageInfo { hasNextPage endCursor } edges { node { id date { text precision } } } } }`;
    const ranges = [
      { from: params.meetingsFrom, to: params.meetingsTo },
      { from: '2020-03-15', to: '2020-06-30' },
      { from: '2021-01-01' },
      { to: '2019-12-31' },
      { from: '2020-02-29', to: '2020-02-29' },
    ];
    let found = 0;
    for (const range of ranges) {
      const data = (await expectSameAnswer(query, range)) as { meetings: { edges: unknown[] } };
      found += data.meetings.edges.length;
    }
    expect(found).toBeGreaterThan(0);
  });

  it('meetings: the filter’s plain conditions, combined with AND, OR and NOT', async () => {
    const meeting = await database.prisma.meeting.findFirst({
      where: { countryId: { not: null } },
    });
    const country = globalId('Country', meeting?.countryId ?? 0);
    const query = `query ($filter: MeetingFilter) {
      meetings(first: 100, filter: $filter) {
        pageInfo { hasNextPage endCursor } edges { node { id kind status country { id } } } } }`;
    const filters = [
      { kind: 'CALL' },
      { status: 'SCHEDULED' },
      { country: { id: country } },
      { recordedBy: '2030-01-01T00:00:00.000Z' },
      { kind: 'TALKS', date: { from: '2020-01-01' } },
      { OR: [{ kind: 'CALL' }, { status: 'CANCELLED' }] },
      { NOT: { kind: 'VISIT' }, AND: [{ date: { to: '2021-06-30' } }] },
      { AND: [] },
    ];
    let found = 0;
    for (const filter of filters) {
      const data = (await expectSameAnswer(query, { filter })) as {
        meetings: { edges: unknown[] };
      };
      found += data.meetings.edges.length;
    }
    expect(found).toBeGreaterThan(100);
    // Conditions on related rows, and an empty OR, stay with the resolvers.
    await expectSameAnswer(query, { filter: { OR: [] } }, false);
    const [person] = ids.Person ?? [];
    await expectSameAnswer(query, { filter: { participant: { id: person } } }, false);
    await expectSameAnswer(
      query,
      { filter: { OR: [{ kind: 'CALL' }, { participant: { id: person } }] } },
      false,
    );
  });

  it('statements and statementsAbout: the filter’s own columns compile, related rows do not', async () => {
    const statement = await database.prisma.statement.findFirst({
      where: { speakerPersonId: { not: null }, subjects: { some: { personId: { not: null } } } },
      include: { subjects: true },
    });
    const speaker = globalId('Person', statement?.speakerPersonId ?? 0);
    const subject = globalId('Person', statement?.subjects[0]?.personId ?? 0);
    const filters = [
      { speaker: { id: speaker } },
      { kind: 'QUOTE' },
      { date: { from: '2020-01-01', to: '2021-12-31' } },
      { recordedBy: '2030-01-01T00:00:00.000Z' },
      {
        OR: [{ kind: 'REPORT' }, { speaker: { id: speaker } }],
        NOT: { date: { to: '2019-12-31' } },
      },
    ];
    const root = `query ($filter: StatementFilter) {
      statements(first: 50, filter: $filter) { pageInfo { hasNextPage endCursor } edges { node { id kind } } } }`;
    const about = `query ($id: ID!, $filter: StatementFilter) { node(id: $id) { ... on Person {
      statementsAbout(first: 50, filter: $filter) { pageInfo { hasNextPage } edges { stance node { id kind } } } } } }`;
    let found = 0;
    for (const filter of filters) {
      const rows = (await expectSameAnswer(root, { filter })) as {
        statements: { edges: unknown[] };
      };
      found += rows.statements.edges.length;
      await expectSameAnswer(about, { id: subject, filter });
    }
    expect(found).toBeGreaterThan(50);
    // Conditions on related rows (subjects, sources, the speaker's country) stay with the resolvers.
    for (const filter of [
      { subject: { id: subject } },
      { source: globalId('Source', 1) },
      { speakerCountry: { id: globalId('Country', 1) } },
    ]) {
      await expectSameAnswer(root, { filter }, false);
      await expectSameAnswer(about, { id: subject, filter }, false);
    }
  });

  it('@include and @skip, on fields, inline fragments and spreads, from literals and variables', async () => {
    const [person] = ids.Person ?? [];
    const query = `
      fragment Named on Entity { name description }
      query ($id: ID!, $yes: Boolean!, $no: Boolean!) {
        node(id: $id) {
          id @skip(if: $no)
          ... on Person @include(if: true) { n: name @include(if: $no) country { id } }
          ...Named @skip(if: $yes)
          ... on Person { description @include(if: $yes) @skip(if: $no) }
        }
      }`;
    for (const [yes, no] of [
      [true, false],
      [false, true],
    ]) {
      await expectSameAnswer(query, { id: person, yes, no });
    }
  });

  it('aliases, named and inline fragments, and several root fields in one statement', async () => {
    const [person] = ids.Person ?? [];
    const query = `
      fragment Named on Entity { name description }
      query ($id: ID!) {
        who: node(id: $id) { __typename ...Named ... on Person { n: name c: country { ...Named code: isoCode } } }
        also: node(id: $id) { id }
        recent: statements(first: 2, orderBy: DATE_DESC) { edges { node { id said: text } } }
      }`;
    await expectSameAnswer(query, { id: person });
  });

  it('the benchmark shapes', async () => {
    for (const shape of shapes.filter((s) => !['search', 'deep-page'].includes(s.name))) {
      await expectSameAnswer(shape.ours.query, shape.ours.variables(params));
    }
  });

  it('what it does not translate goes to the resolvers, with the same answer', async () => {
    const [person] = ids.Person ?? [];
    const resolved = [
      '{ statements(first: 2) { totalCount } }',
      `{ node(id: "${person}") { ... on Person { aliases recordedAt } } }`,
      `{ node(id: "${globalId('Person', 99_999_999)}") { id } }`,
    ];
    for (const query of resolved) await expectSameAnswer(query, undefined, false);
    const page = await run(compiledServer, '{ statements(first: 2) { pageInfo { endCursor } } }');
    const after = (page.data as { statements: { pageInfo: { endCursor: string } } }).statements
      .pageInfo.endCursor;
    await expectSameAnswer(
      `query ($after: String) { node(id: "${person}") { ... on Person {
        statements(first: 2, after: $after) { edges { node { id } } } } } }`,
      { after },
      false,
    );
  });

  it('root pages after a cursor, in every order, and after an undated or a deleted row', async () => {
    const cases = [
      ...[null, 'DATE_ASC', 'DATE_DESC', 'RECORDED_DESC'].map((orderBy) => ({
        field: 'statements',
        args: '$orderBy: StatementOrder',
        variables: { orderBy },
      })),
      ...[null, 'DATE_DESC'].map((orderBy) => ({
        field: 'meetings',
        args: '$orderBy: MeetingOrder',
        variables: { orderBy },
      })),
      {
        field: 'meetings',
        args: '$filter: MeetingFilter',
        variables: { filter: { date: { from: '2020-03-01', to: '2020-09-30' } } },
      },
    ];
    for (const { field, args, variables } of cases) {
      const query = `query ($first: Int, $after: String, ${args}) {
        ${field}(first: $first, after: $after, ${args.slice(1, args.indexOf(':'))}: ${args.slice(0, args.indexOf(':'))}) {
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          edges { cursor node { id date { text } } } } }`;
      let after: string | null = null;
      let pages = 0;
      for (const first of [3, 50, 100, 100]) {
        const data = (await expectSameAnswer(query, { ...variables, first, after })) as Record<
          string,
          { pageInfo: { hasNextPage: boolean; endCursor: string | null } }
        >;
        pages++;
        const { pageInfo } = data[field] as {
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      expect(pages).toBeGreaterThan(1);
    }
    const undated = await database.prisma.statement.findFirst({ where: { occurredOn: null } });
    // The last dated statement: the page after it is the first undated ones.
    const lastDated = await database.prisma.statement.findFirst({
      where: { occurredOn: { not: null } },
      orderBy: [{ occurredOn: 'desc' }, { id: 'desc' }],
    });
    expect(undated && lastDated).toBeTruthy();
    const cursorOf = (id: number) => formatPrismaCursor({ id }, 'id');
    for (const after of [
      cursorOf(undated?.id ?? 0),
      cursorOf(lastDated?.id ?? 0),
      cursorOf(99_999_999),
    ]) {
      await expectSameAnswer(
        'query ($after: String) { statements(first: 5, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }',
        { after },
      );
    }
  });

  it('bad arguments get the resolvers’ typed errors', async () => {
    for (const query of [
      '{ statements(first: 101) { edges { node { id } } } }',
      '{ node(id: "bm90LWFuLWlk") { id } }',
      '{ meetings(filter: { date: { from: "2021-01-01", to: "2020-01-01" } }) { edges { node { id } } } }',
    ]) {
      const [fast, reference] = [
        await run(compiledServer, query),
        await run(resolverServer, query),
      ];
      const withoutRequestId = (errors: unknown) =>
        JSON.parse(JSON.stringify(errors).replace(/"requestId":"[^"]*"/g, '"requestId":""'));
      expect(reference.errors).toBeDefined();
      expect(withoutRequestId(fast.errors)).toEqual(withoutRequestId(reference.errors));
      expect(fast.data).toEqual(reference.data);
    }
  });
});
