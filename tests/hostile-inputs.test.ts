// Hostile and careless requests over real HTTP: each gets the right status and a clear, coded
// error, the server keeps serving, and nothing stored changes.
import { encodeGlobalID } from '@pothos/plugin-relay';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../src/auth/api-keys.js';
import { openDatabase } from '../src/db/client.js';
import { useServer } from './helpers/server.js';

const running = useServer();

type Reply = { status: number; body: any; headers: Headers };

async function send(body: BodyInit, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${running.server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // What current clients send: with it, request errors come back as 4xx (GraphQL over HTTP).
      accept: 'application/graphql-response+json, application/json;q=0.9',
      ...headers,
    },
    body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {}
  return { status: response.status, body: parsed, headers: response.headers };
}

const post = (query: string, variables?: Record<string, unknown>) =>
  send(JSON.stringify({ query, variables }));

const codeOf = (reply: Reply) => reply.body?.errors?.[0]?.extensions?.code;

const countsQuery = `{ people(first: 1) { totalCount } countries(first: 1) { totalCount }
  organizations(first: 1) { totalCount } statements(first: 1) { totalCount }
  meetings(first: 1) { totalCount } sources(first: 1) { totalCount } }`;

let countsBefore: unknown;

beforeAll(async () => {
  countsBefore = (await post(countsQuery)).body.data;
});

afterAll(async () => {
  // The server still serves, and nothing stored changed.
  const after = await post(countsQuery);
  expect(after.status).toBe(200);
  expect(after.body.data).toEqual(countsBefore);
});

/** `people(first: 1) { edges { node { country { people(first: 1) ... } } } }`, `hops` times. */
function nestedHops(hops: number): string {
  let inner = 'name';
  for (let i = 0; i < hops; i++) {
    inner = `people(first: 1) { edges { node { country { ${inner} } } } }`;
  }
  return `{ countries(first: 1) { edges { node { ${inner} } } } }`;
}

describe('nesting', () => {
  it('answers 10 levels', async () => {
    const reply = await post(nestedHops(2));
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
  });

  it('refuses 200 levels with DEPTH_LIMIT_EXCEEDED', async () => {
    const reply = await post(nestedHops(50));
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('DEPTH_LIMIT_EXCEEDED');
  });

  it('refuses 3,000 levels at parse time (TOKEN_LIMIT_EXCEEDED), not with a stack overflow', async () => {
    const reply = await post(`${'{ a '.repeat(3000)}${'}'.repeat(3000)}`);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('TOKEN_LIMIT_EXCEEDED');
  });
});

describe('bombs and cycles', () => {
  it('refuses an alias bomb', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `a${i}: __typename`);
    const reply = await post(`{ ${aliases.join(' ')} }`);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('ALIAS_LIMIT_EXCEEDED');
  });

  it('refuses a fragment bomb by its cost, quickly', async () => {
    const fragments = ['fragment F0 on Query { people(first: 100) { totalCount } }'];
    for (let i = 1; i <= 30; i++)
      fragments.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
    const started = Date.now();
    const reply = await post(`{ ...F30 } ${fragments.join(' ')}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('QUERY_TOO_COSTLY');
    expect(reply.body.errors[0].extensions.cost).toBe(100 * 2 ** 30);
  });

  it('answers @include and @skip within the directive limit, refuses more with DIRECTIVE_LIMIT_EXCEEDED', async () => {
    const answered = await post(
      '{ a: __typename @include(if: true) b: __typename @skip(if: true) c: __typename @include(if: false) }',
    );
    expect(answered.status).toBe(200);
    expect(answered.body.data).toEqual({ a: 'Query' });
    expect(answered.body.errors).toBeUndefined();
    const refused = await post(`{ ${'__typename @include(if: true) '.repeat(25)}}`);
    expect(refused.status).toBe(400);
    expect(codeOf(refused)).toBe('DIRECTIVE_LIMIT_EXCEEDED');
  });

  it('refuses a fragment cycle', async () => {
    const reply = await post('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('page sizes and numbers', () => {
  it.each([
    ['a huge literal', '{ people(first: 1000000) { totalCount } }', undefined],
    ['a huge variable', 'query ($n: Int!) { people(first: $n) { totalCount } }', { n: 1_000_000 }],
    ['a negative size', '{ people(first: -5) { totalCount } }', undefined],
    ['no size at all', '{ people { totalCount } }', undefined],
  ])('refuses %s with CONNECTION_ARGUMENTS_INVALID', async (_name, query, variables) => {
    const reply = await post(query, variables);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('CONNECTION_ARGUMENTS_INVALID');
  });

  it('refuses a query whose worst case exceeds the node limit, naming the cost', async () => {
    const reply = await post(
      `query ($n: Int!) { people(first: $n) { edges { node {
      statements(first: $n) { edges { node { subjects(first: $n) { totalCount } } } } } } } }`,
      { n: 100 },
    );
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('QUERY_TOO_COSTLY');
    expect(reply.body.errors[0].extensions.cost).toBe(100 + 100 * 100 + 100 * 100 * 100);
  });

  it('refuses an Int out of range as a validation error', async () => {
    const reply = await post('{ people(first: 99999999999) { totalCount } }');
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('strings and bodies', () => {
  const giant = 'x'.repeat(20_000);

  it('refuses giant strings inline and in variables', async () => {
    const inline = await post(`{ people(first: 1, filter: { name: "${giant}" }) { totalCount } }`);
    expect(inline.status).toBe(400);
    expect(codeOf(inline)).toBe('BAD_USER_INPUT');
    const variable = await post(
      'query ($name: String) { people(first: 1, filter: { name: $name }) { totalCount } }',
      { name: giant },
    );
    expect(variable.status).toBe(400);
    expect(variable.body.errors[0].message).toMatch(/^variables\.name: text must be at most/);
  });

  it('refuses a 30 MB body with 413', async () => {
    const reply = await send(
      JSON.stringify({ query: `{ __typename } #${'x'.repeat(30 * 1024 * 1024)}` }),
    );
    expect(reply.status).toBe(413);
    expect(codeOf(reply)).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses invalid UTF-8, NUL bytes and lone surrogates', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"query":"{ __typename }","x":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const reply = await send(invalid);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('BAD_REQUEST');
    const query =
      'query ($name: String) { people(first: 1, filter: { name: $name }) { totalCount } }';
    for (const name of ['a\u0000b', '\ud800']) {
      const text = await post(query, { name });
      expect(text.status).toBe(400);
      expect(codeOf(text)).toBe('BAD_USER_INPUT');
    }
    const literal = await send(
      '{"query":"{ people(first: 1, filter: { name: \\"\\\\u0000\\" }) { totalCount } }"}',
    );
    expect(literal.status).toBe(400);
  });

  it('refuses malformed JSON with 400', async () => {
    const reply = await send('{"query": "{ __typename }"');
    expect(reply.status).toBe(400);
  });
});

describe('content types, methods and batches', () => {
  it.each([
    ['a form post', 'application/x-www-form-urlencoded', 'query=%7B__typename%7D'],
    [
      'a multipart post',
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--',
    ],
    ['a text/plain post', 'text/plain', '{"query":"{ __typename }"}'],
  ])('refuses %s with 415 (no cross-site request runs)', async (_name, type, body) => {
    const reply = await send(body, { 'content-type': type });
    expect(reply.status).toBe(415);
    expect(codeOf(reply)).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a mutation over GET', async () => {
    const response = await fetch(
      `${running.server.url}/graphql?query=${encodeURIComponent('mutation { __typename }')}`,
      { headers: { accept: 'application/json' } },
    );
    expect(response.status).toBe(405);
  });

  it('refuses batches (off by default), empty or not', async () => {
    for (const body of [
      '[]',
      JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    ]) {
      const reply = await send(body);
      expect(reply.status).toBe(400);
    }
  });
});

describe('injection-looking filters and forged IDs', () => {
  it('treats SQL and LIKE syntax in filters as plain text', async () => {
    for (const name of ['\'; DROP TABLE "Person"; --', '%', '_', "' OR '1'='1"]) {
      const reply = await post(
        'query ($name: String) { people(first: 5, filter: { name: $name }) { totalCount } }',
        { name },
      );
      expect(reply.status).toBe(200);
      expect(reply.body.data.people.totalCount).toBe(0);
    }
  });

  it.each([
    ['not base64', 'not an id!'],
    ['an unknown type', encodeGlobalID('Secret', 1)],
    ['a non-numeric key', encodeGlobalID('Person', '1 OR 1=1')],
    ['an empty string', ''],
  ])('answers a forged or malformed ID (%s) with BAD_USER_INPUT', async (_name, id) => {
    const reply = await post('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(reply.status).toBe(200);
    expect(codeOf(reply)).toBe('BAD_USER_INPUT');
  });
});

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** Error-level lines (pino level 50 and up) the server logged since `from` (an output length). */
const errorLogsSince = (from: number) =>
  running.server
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => /"level":(5\d|60)/.test(line));

describe('forged cursors, IDs out of range and over-long lists', () => {
  const forgedCursors = [
    'R1BDOlM6YWJj', // GPC:S:abc, a string key for an integer column
    base64('GPC:N:99999999999'),
    base64('GPC:N:2147483648'),
    base64('GPC:N:-1'),
    base64('GPC:N:1.5'),
    base64('GPC:N:1e400'),
    base64('GPC:J:{}'),
    base64('GPC:J:[1,2]'),
    base64('GPC:D:2020-01-01'),
    base64('GPC:'),
    base64('OffsetConnection:-3'),
    base64('OffsetConnection:99999999999999999999'),
    base64('garbage'),
    base64('\u0000\u0001'),
    'not base64 at all!',
    '',
  ];

  it.each(forgedCursors)(
    'refuses the cursor %j with BAD_USER_INPUT, before any SQL',
    async (cursor) => {
      const logged = running.server.output().length;
      for (const query of [
        'query ($c: String) { people(first: 2, after: $c) { edges { node { id } } } }',
        'query ($c: String) { statements(first: 2, before: $c) { totalCount } }',
        'query ($c: String) { people(first: 1) { edges { node { metWith(first: 2, after: $c) { totalCount } } } } }',
      ]) {
        const reply = await post(query, { c: cursor });
        expect(codeOf(reply), query).toBe('BAD_USER_INPUT');
        expect(reply.body.errors[0].message).toMatch(/is not a cursor of this connection/);
      }
      expect(errorLogsSince(logged)).toEqual([]);
    },
  );

  it('still pages with the cursors it hands out', async () => {
    const first = await post('{ people(first: 1) { edges { cursor node { id } } } }');
    const cursor = first.body.data.people.edges[0].cursor;
    const next = await post(
      'query ($c: String) { people(first: 1, after: $c) { edges { node { id } } } }',
      { c: cursor },
    );
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data.people.edges[0].node.id).not.toBe(
      first.body.data.people.edges[0].node.id,
    );
  });

  it('property: no forged cursor is an internal error', async () => {
    const logged = running.server.output().length;
    const cursor = fc.oneof(
      fc.string({ maxLength: 30 }).map((text) => base64(`GPC:${text}`)),
      fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((n) => base64(`GPC:N:${n}`)),
      fc.string({ maxLength: 30 }).map(base64),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(cursor, async (c) => {
        const reply = await post(
          'query ($c: String) { people(first: 2, after: $c) { edges { node { id } } } }',
          { c },
        );
        const code = codeOf(reply);
        expect(code === undefined || code === 'BAD_USER_INPUT', `${c}: ${code}`).toBe(true);
      }),
      { numRuns: 60 },
    );
    expect(errorLogsSince(logged)).toEqual([]);
  });

  it.each([
    ['2^31', '2147483648'],
    ['2^53', '9007199254740993'],
    ['a 40-digit number', '9'.repeat(40)],
    ['zero', '0'],
    ['a leading zero', '01'],
  ])('refuses an ID whose key is %s in node and nodes', async (_name, key) => {
    const logged = running.server.output().length;
    const id = encodeGlobalID('Person', key);
    const node = await post('query ($id: ID!) { node(id: $id) { id } }', { id });
    expect(codeOf(node)).toBe('BAD_USER_INPUT');
    const nodes = await post('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [id] });
    expect(codeOf(nodes)).toBe('BAD_USER_INPUT');
    const filter = await post(
      'query ($id: ID) { statements(first: 1, filter: { speaker: $id }) { totalCount } }',
      { id },
    );
    expect(codeOf(filter)).toBe('BAD_USER_INPUT');
    expect(errorLogsSince(logged)).toEqual([]);
  });

  it('answers an ID out of range in mutations with a ValidationError naming the field', async () => {
    const database = openDatabase(running.databaseUrl);
    let authorization: string;
    try {
      const key = await createApiKey(database.prisma, 'hostile-editor', 'EDITOR');
      authorization = `Bearer ${key.secret}`;
    } finally {
      await database.close();
    }
    const logged = running.server.output().length;
    const id = encodeGlobalID('Person', '2147483648');
    const payload = '__typename ... on ValidationError { issues { path message } }';
    for (const [field, type, input, path] of [
      ['updatePerson', 'UpdatePersonInput', { id, version: 1, name: 'X' }, 'input.id'],
      ['deletePerson', 'VersionedInput', { id, version: 1 }, 'input.id'],
      ['addAlias', 'AliasInput', { entity: id, name: 'X' }, 'input.entity'],
    ] as const) {
      const reply = await send(
        JSON.stringify({
          query: `mutation ($input: ${type}!) { ${field}(input: $input) { ${payload} } }`,
          variables: { input },
        }),
        { authorization },
      );
      expect(reply.body.errors, field).toBeUndefined();
      expect(reply.body.data[field].__typename).toBe('ValidationError');
      expect(reply.body.data[field].issues[0].path.join('.')).toBe(path);
    }
    expect(errorLogsSince(logged)).toEqual([]);
  });

  it('refuses a 50,000-entry list argument naming it, not with a database error', async () => {
    const logged = running.server.output().length;
    const titles = Array.from({ length: 50_000 }, (_, i) => `t${i}`);
    const reply = await post(
      'query ($t: [String!]) { statements(speakerRole: { titles: $t }, first: 5) { totalCount } }',
      { t: titles },
    );
    expect(codeOf(reply)).toBe('BAD_USER_INPUT');
    expect(reply.body.errors[0].extensions.argument).toBe('statements.speakerRole.titles');
    expect(reply.body.errors[0].message).toMatch(/at most 100 entries.*got 50000/);
    expect(errorLogsSince(logged)).toEqual([]);
    const hundred = await post(
      'query ($t: [String!]) { statements(speakerRole: { titles: $t }, first: 5) { totalCount } }',
      { t: titles.slice(0, 100) },
    );
    expect(hundred.body.errors).toBeUndefined();
    expect(hundred.body.data).toEqual({ statements: { totalCount: 0 } });
  });
});

describe('costs count what lists return', () => {
  it("refuses the issue's query: the subjects of 100 statements, each with 100 statements about it", async () => {
    const reply = await post(`{ statements(first: 100) { edges { node { about {
      ... on Person { statementsAbout(first: 100) { edges { node { text } } } }
      ... on Country { statementsAbout(first: 100) { edges { node { text } } } }
    } } } } }`);
    expect(reply.status).toBe(400);
    expect(codeOf(reply)).toBe('QUERY_TOO_COSTLY');
    // 100 statements, up to 50 subjects each, 100 statements about each subject.
    expect(reply.body.errors[0].extensions.cost).toBe(100 + 100 * 50 + 100 * 50 * 100);
  });

  it('multiplies by the argument that bounds a list', async () => {
    const reply = await post(`{ people(first: 100) { edges { node {
      mentionedWith(first: 100) { entity { ... on Person { statements(first: 100) { totalCount } } } }
    } } } }`);
    expect(codeOf(reply)).toBe('QUERY_TOO_COSTLY');
    expect(reply.body.errors[0].extensions.cost).toBe(100 + 100 * 100 + 100 * 100 * 100);
  });
});
