// Before measuring, the benchmark makes sure the three servers answer each shape alike: the same
// rows, in the same order. Rows are compared by "Type:id" keys: ours (and the floor, which builds
// our JSON) carry global IDs, PostGraphile the integer key as rowId.
//
//   tsx bench/check-shapes.ts <ours> <postgraphile> <floor> [params.json]
//
// takes base URLs (e.g. http://127.0.0.1:4101); without params.json it picks parameters from the
// database at DATABASE_URL (good enough for development data).
import { pathToFileURL } from 'node:url';
import { type Shape, type ShapeParams, shapes } from './shapes.ts';

export type ServerUrls = { ours: string; postgraphile: string; floor: string };
export type Server = keyof ServerUrls;

type Row = Record<string, unknown>;
type Keys = (data: Row) => string[];

const row = (value: unknown): Row =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : {};
const rows = (value: unknown): Row[] => (Array.isArray(value) ? value.map(row) : []);
/** The nodes of a connection, in order. */
const nodes = (connection: unknown): Row[] => rows(row(connection).edges).map((e) => row(e.node));

/** "Type:id" of one of our objects (from its global ID), "-" for null. */
function ours(value: unknown): string {
  if (value == null) return '-';
  const id = row(value).id;
  if (typeof id !== 'string') throw new Error(`expected a global ID, got ${JSON.stringify(id)}`);
  return Buffer.from(id, 'base64').toString('utf8');
}

/** "Type:id" of one of PostGraphile's rows, "-" for null. */
function pg(type: string, value: unknown): string {
  if (value == null) return '-';
  const id = row(value).rowId;
  if (typeof id !== 'number') throw new Error(`expected a rowId, got ${JSON.stringify(id)}`);
  return `${type}:${id}`;
}

/** The one row a nullable-relation-per-type object points at (a union in PostGraphile's terms). */
function pgOneOf(value: Row, relations: Record<string, string>): string {
  const found = Object.entries(relations).filter(([field]) => value[field] != null);
  if (found.length !== 1) throw new Error(`expected one of ${Object.keys(relations)} to be set`);
  const [field, type] = found[0] as [string, string];
  return pg(type, value[field]);
}

const pgEntity = {
  personByPersonId: 'Person',
  countryByCountryId: 'Country',
  organizationByOrganizationId: 'Organization',
};

/** What each server's response must agree on, per shape: row keys (and a few orderings). */
const keys: Record<string, { ours: Keys; postgraphile: Keys }> = {
  person: {
    ours: (data) => {
      const person = row(data.node);
      return [
        ours(person),
        ours(person.country),
        ...rows(person.currentRoles).flatMap((r) => [
          ours(r),
          ours(r.country),
          ours(r.organization),
        ]),
      ];
    },
    postgraphile: (data) => {
      const person = row(data.personByRowId);
      return [
        pg('Person', person),
        pg('Country', person.countryByCountryId),
        ...rows(row(person.currentRoles).nodes).flatMap((r) => [
          pg('Role', r),
          pg('Country', r.countryByCountryId),
          pg('Organization', r.organizationByOrganizationId),
        ]),
      ];
    },
  },
  'speaker-statements': {
    ours: (data) => {
      const person = row(data.node);
      return [
        ours(person),
        ...nodes(person.statements).flatMap((s) => [
          ours(s),
          ...nodes(s.subjects).map((subject) => ours(subject.entity)),
        ]),
      ];
    },
    postgraphile: (data) => {
      const person = row(data.personByRowId);
      return [
        pg('Person', person),
        ...nodes(person.statementsBySpeakerPersonId).flatMap((s) => [
          pg('Statement', s),
          ...nodes(s.statementSubjectsByStatementId).map((subject) => pgOneOf(subject, pgEntity)),
        ]),
      ];
    },
  },
  'meetings-in-range': {
    ours: (data) =>
      nodes(data.meetings).flatMap((m) => [
        ours(m),
        ...nodes(m.participants).flatMap((p) => [ours(p), ours(p.country)]),
      ]),
    postgraphile: (data) =>
      nodes(data.meetingsInRange).flatMap((m) => [
        pg('Meeting', m),
        ...nodes(m.meetingParticipantsByMeetingId).flatMap((mp) => {
          const person = row(mp.personByPersonId);
          return [pg('Person', person), pg('Country', person.countryByCountryId)];
        }),
      ]),
  },
  'statements-about': {
    ours: (data) => {
      const person = row(data.node);
      return [
        ours(person),
        ...rows(row(person.statementsAbout).edges).flatMap((edge) => {
          const s = row(edge.node);
          const speaker = row(s.speaker);
          return [
            `${ours(s)} ${edge.stance}`,
            ours(speaker),
            ours(speaker.country),
            ...nodes(s.attestations).map((a) => ours(a.source)),
          ];
        }),
      ];
    },
    postgraphile: (data) => {
      const person = row(data.personByRowId);
      return [
        pg('Person', person),
        ...nodes(person.statementSubjectsByPersonId).flatMap((subject) => {
          const s = row(subject.statementByStatementId);
          const speaker = row(s.personBySpeakerPersonId ?? s.organizationBySpeakerOrganizationId);
          return [
            `${pg('Statement', s)} ${subject.stance}`,
            pgOneOf(s, {
              personBySpeakerPersonId: 'Person',
              organizationBySpeakerOrganizationId: 'Organization',
            }),
            pg('Country', speaker.countryByCountryId),
            ...nodes(s.attestationsByStatementId).map((a) => pg('Source', a.sourceBySourceId)),
          ];
        }),
      ];
    },
  },
  search: {
    // The rank too: the same order by chance would not do.
    ours: (data) => rows(row(data.search).edges).map((edge) => `${ours(edge.node)} ${edge.rank}`),
    postgraphile: (data) =>
      nodes(data.search).map(
        (hit) =>
          `${pgOneOf(hit, {
            ...pgEntity,
            statementByStatementId: 'Statement',
            meetingByMeetingId: 'Meeting',
            sourceBySourceId: 'Source',
          })} ${hit.rank}`,
      ),
  },
  'deep-page': {
    ours: (data) => {
      const page = row(data.statements);
      return [...nodes(page).map(ours), `hasNextPage ${row(page.pageInfo).hasNextPage}`];
    },
    postgraphile: (data) => {
      const page = row(data.allStatements);
      const ids = nodes(page).map((s) => pg('Statement', s));
      return [...ids, `hasNextPage ${row(page.pageInfo).hasNextPage}`];
    },
  },
};

async function post(url: string, body: unknown): Promise<Row> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let json: Row;
  try {
    json = row(JSON.parse(text));
  } catch {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  if (!response.ok || json.errors || json.error || !json.data) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 1000)}`);
  }
  return row(json.data);
}

/** Runs a shape once on one server; returns its response's data. */
export function runShape(
  shape: Shape,
  server: Server,
  urls: ServerUrls,
  params: ShapeParams,
): Promise<Row> {
  if (server === 'floor') return post(`${urls.floor}/${shape.name}`, params);
  const request = shape[server];
  return post(`${urls[server]}/graphql`, {
    query: request.query,
    variables: request.variables(params),
  });
}

export type ShapeCheck = { shape: string; keys: number };

/** Where two JSON values first differ (null when they are equal), e.g. "node.statements.3". */
export function firstDifference(a: unknown, b: unknown, path = '(root)'): string | null {
  if (a === b) return null;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const fields = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const field of fields) {
    const at = `${path}.${field}`;
    if (!(field in a) || !(field in b)) return at;
    const difference = firstDifference((a as Row)[field], (b as Row)[field], at);
    if (difference !== null) return difference;
  }
  return null;
}

function keysOf(shape: string, server: Server, extract: Keys, data: Row): string[] {
  try {
    return extract(data);
  } catch (error) {
    throw new Error(`shape ${shape}: unexpected ${server} response: ${(error as Error).message}`);
  }
}

/**
 * Runs every shape once on each server and throws, naming the shape and the first difference,
 * unless PostGraphile and the floor return the same non-empty list of row keys as ours, in the
 * same order. The floor builds our very JSON, so it must also equal our response as a whole.
 */
export async function checkShapes(urls: ServerUrls, params: ShapeParams): Promise<ShapeCheck[]> {
  const checks: ShapeCheck[] = [];
  for (const shape of shapes) {
    const extract = keys[shape.name];
    if (!extract) throw new Error(`check-shapes does not know shape ${shape.name}`);
    const [ownData, peerData, floorData] = await Promise.all([
      runShape(shape, 'ours', urls, params),
      runShape(shape, 'postgraphile', urls, params),
      runShape(shape, 'floor', urls, params),
    ]);
    const own = keysOf(shape.name, 'ours', extract.ours, ownData);
    if (!own.length || own.every((key) => key === '-')) {
      throw new Error(`shape ${shape.name}: our server returned no rows; pick other parameters`);
    }
    for (const [server, other] of [
      ['postgraphile', keysOf(shape.name, 'postgraphile', extract.postgraphile, peerData)],
      ['floor', keysOf(shape.name, 'floor', extract.ours, floorData)],
    ] as const) {
      const at = own.findIndex((key, index) => key !== other[index]);
      if (at !== -1 || other.length !== own.length) {
        const index = at === -1 ? own.length : at;
        throw new Error(
          `shape ${shape.name}: ${server} differs from ours at key ${index} ` +
            `(ours ${own[index] ?? 'nothing'}, ${server} ${other[index] ?? 'nothing'}; ` +
            `${own.length} keys against ${other.length})`,
        );
      }
    }
    const at = firstDifference(ownData, floorData);
    if (at !== null) {
      throw new Error(`shape ${shape.name}: the floor's JSON differs from ours at ${at}`);
    }
    checks.push({ shape: shape.name, keys: own.length });
  }
  return checks;
}

/** The cursors after the `position`th statement in date order, got by paging each API. */
export async function deepCursors(
  urls: Pick<ServerUrls, 'ours' | 'postgraphile'>,
  position: number,
): Promise<{ deepCursor: ShapeParams['deepCursor']; deepAfterId: number }> {
  // PostGraphile pages by offset: one request reaches the row and its cursor.
  const peer = await post(`${urls.postgraphile}/graphql`, {
    query: `query ($offset: Int!) {
      allStatements(first: 1, offset: $offset, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
        edges { cursor node { rowId } }
      }
    }`,
    variables: { offset: position - 1 },
  });
  const [edge] = rows(row(peer.allStatements).edges);
  if (!edge) throw new Error(`there are fewer than ${position} statements`);
  const deepAfterId = row(edge.node).rowId as number;
  // Ours pages by cursor, 100 at a time.
  let after: string | null = null;
  let seen = 0;
  let last: Row = {};
  while (seen < position) {
    const page = row(
      (
        await post(`${urls.ours}/graphql`, {
          query: `query ($first: Int!, $after: String) {
            statements(first: $first, after: $after) { edges { cursor node { id } } }
          }`,
          variables: { first: Math.min(100, position - seen), after },
        })
      ).statements,
    );
    const edges = rows(page.edges);
    if (!edges.length) throw new Error(`our server has fewer than ${position} statements`);
    seen += edges.length;
    last = edges.at(-1) as Row;
    after = last.cursor as string;
  }
  if (ours(last.node) !== `Statement:${deepAfterId}`) {
    throw new Error(
      `statement ${position} is ${ours(last.node)} for us, ${deepAfterId} for PostGraphile`,
    );
  }
  return {
    deepCursor: { ours: after as string, postgraphile: edge.cursor as string },
    deepAfterId,
  };
}

// Parameters from whatever the database holds, for development data (bench/params.ts picks the
// benchmark's).
async function devParams(databaseUrl: string, urls: ServerUrls): Promise<ShapeParams> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const one = async (sql: string) => (await client.query(sql)).rows[0] ?? {};
  try {
    const person = await one(`SELECT p.id FROM "Person" p JOIN "Role" r ON r."personId" = p.id
      WHERE p."countryId" IS NOT NULL AND r."endDate" IS NULL
      GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`);
    const speaker = await one(`SELECT "speakerPersonId" AS id FROM "Statement"
      WHERE "speakerPersonId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    const subject = await one(`SELECT "personId" AS id FROM "StatementSubject"
      WHERE "personId" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`);
    // The 30 meetings from the 10th dated one on: a range holding more than a page.
    const range = await one(`SELECT to_char(min(d), 'YYYY-MM-DD') AS from,
      to_char(max(d), 'YYYY-MM-DD') AS to FROM (SELECT "occurredOn" AS d FROM "Meeting"
      WHERE "occurredOn" IS NOT NULL ORDER BY 1 OFFSET 10 LIMIT 30) m`);
    // A word of many statements, not among the most common (names, "republic").
    const word = await one(`SELECT w AS word FROM (SELECT regexp_split_to_table(lower(text),
      '[^a-z]+') AS w FROM "Statement") t WHERE length(w) > 5
      GROUP BY w ORDER BY count(*) DESC, w LIMIT 1 OFFSET 10`);
    const { count } = await one('SELECT count(*)::int AS count FROM "Statement"');
    return {
      personId: person.id,
      speakerId: speaker.id,
      subjectId: subject.id,
      meetingsFrom: range.from,
      meetingsTo: range.to,
      searchWord: word.word,
      ...(await deepCursors(urls, Math.min(10_000, Math.floor(count / 2)))),
    };
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [ours, postgraphile, floor, paramsFile] = process.argv.slice(2);
  if (!ours || !postgraphile || !floor) {
    console.error('usage: check-shapes <ours> <postgraphile> <floor> [params.json]');
    process.exit(2);
  }
  const urls = { ours, postgraphile, floor };
  let params: ShapeParams;
  if (paramsFile) {
    const { readFile } = await import('node:fs/promises');
    params = JSON.parse(await readFile(paramsFile, 'utf8'));
  } else {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('give params.json or DATABASE_URL to pick parameters');
    params = await devParams(databaseUrl, urls);
  }
  console.log(JSON.stringify(params));
  try {
    for (const check of await checkShapes(urls, params)) {
      console.log(`${check.shape}: the same ${check.keys} keys on all three`);
    }
  } catch (error) {
    console.error(`MISMATCH ${(error as Error).message}`);
    process.exit(1);
  }
}
