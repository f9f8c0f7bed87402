// Picks the benchmark's ShapeParams from a loaded database, the same way on both providers, so
// that every shape returns full pages. Ties are broken by ID: a dataset always gives the same
// parameters.
import { type Db, openDatabase } from '../src/db/client.js';
import type { ShapeParams } from './shapes.js';

export type DatasetParams = Omit<ShapeParams, 'deepCursor'>;

/** The statement the deep page starts after: this many rows into the default order. */
export const deepOffset = 10_000;
const statementOrder = [
  { occurredOn: { sort: 'asc', nulls: 'last' } },
  { id: 'asc' },
] as const satisfies object[];

// Words PostgreSQL's english configuration drops (to_tsvector keeps none of them), which would
// find nothing there; shorter words are skipped anyway.
const stopWords = new Set(
  (
    'about above after again against because before being below between during further having ' +
    'itself myself other ourselves should their theirs themselves there these those through ' +
    'under until where which while would yours yourself yourselves'
  ).split(' '),
);

export async function pickParams(
  url: string,
  { deepRows = deepOffset }: { deepRows?: number } = {},
): Promise<DatasetParams> {
  const database = openDatabase(url, { poolSize: 2, logQueries: false });
  try {
    const { prisma } = database;
    const need = (ok: boolean, what: string) => {
      if (!ok) throw new Error(`the dataset at ${url} has no ${what}: load a larger one`);
    };

    const person = await prisma.person.findFirst({
      where: { countryId: { not: null }, roles: { some: { endDate: null } } },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    need(person !== null, 'person with a country and a current role');

    const [speaker] = await prisma.statement.groupBy({
      by: ['speakerPersonId'],
      where: { speakerPersonId: { not: null } },
      _count: { id: true },
      orderBy: [{ _count: { id: 'desc' } }, { speakerPersonId: 'asc' }],
      take: 1,
    });
    need((speaker?._count.id ?? 0) >= 20, 'speaker with 20 statements');

    const [subject] = await prisma.statementSubject.groupBy({
      by: ['personId'],
      where: { personId: { not: null } },
      _count: { id: true },
      orderBy: [{ _count: { id: 'desc' } }, { personId: 'asc' }],
      take: 1,
    });
    need((subject?._count.id ?? 0) >= 50, 'person who is the subject of 50 statements');

    const meetings = await pickMeetingRange(prisma);
    need(meetings !== undefined, 'date range with 20 meetings');

    const searchWord = await pickSearchWord(prisma);
    need(searchWord !== undefined, 'word found in 50 statements');

    const [deep] = await prisma.statement.findMany({
      orderBy: [...statementOrder],
      skip: deepRows - 1,
      take: 1,
      select: { id: true },
    });
    const total = await prisma.statement.count();
    need(deep !== undefined && total >= deepRows + 20, `${deepRows + 20} statements`);

    return {
      personId: person?.id as number,
      speakerId: speaker?.speakerPersonId as number,
      subjectId: subject?.personId as number,
      meetingsFrom: meetings?.from as string,
      meetingsTo: meetings?.to as string,
      searchWord: searchWord as string,
      deepAfterId: deep?.id as number,
    };
  } finally {
    await database.close();
  }
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** 20 consecutive day-precise meetings from the middle of the timeline, as a closed range. */
async function pickMeetingRange(prisma: Db) {
  const where = { occurredOn: { not: null }, occurredPrecision: 'DAY' } as const;
  const dated = await prisma.meeting.count({ where });
  if (dated < 20) return undefined;
  const window = await prisma.meeting.findMany({
    where,
    orderBy: [{ occurredOn: 'asc' }, { id: 'asc' }],
    skip: Math.floor((dated - 20) / 2),
    take: 20,
    select: { occurredOn: true },
  });
  const first = window[0]?.occurredOn;
  const last = window.at(-1)?.occurredOn;
  if (!first || !last) return undefined;
  return { from: day(first), to: day(last) };
}

/**
 * A word that neither almost every statement nor a handful holds: among the first 5,000
 * statements, the lower-case word (not a name) found in the number of them closest to a tenth,
 * then checked to be in at least 50 statements of the whole table.
 */
async function pickSearchWord(prisma: Db): Promise<string | undefined> {
  const sample = await prisma.statement.findMany({
    orderBy: { id: 'asc' },
    take: 5_000,
    select: { text: true },
  });
  const holding = new Map<string, number>();
  for (const { text } of sample) {
    const words = new Set(text.match(/\b[a-z]{5,}\b/g) ?? []);
    for (const word of words) {
      if (!stopWords.has(word)) holding.set(word, (holding.get(word) ?? 0) + 1);
    }
  }
  const aim = sample.length / 10;
  const candidates = [...holding]
    .filter(([, count]) => count >= Math.min(50, sample.length / 100))
    .sort(([a, x], [b, y]) => Math.abs(x - aim) - Math.abs(y - aim) || a.localeCompare(b));
  for (const [word] of candidates.slice(0, 5)) {
    // As found in the texts: lower case, where SQLite's LIKE and PostgreSQL's agree.
    const count = await prisma.statement.count({ where: { text: { contains: word } } });
    if (count >= 50) return word;
  }
  return undefined;
}

export type GraphqlPost = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

/** Posts a GraphQL request and returns `data`, throwing on HTTP or GraphQL errors. */
export function graphqlClient(url: string): GraphqlPost {
  return async (query, variables) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (!response.ok || body.errors) {
      throw new Error(
        `${url} answered ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`,
      );
    }
    return body.data;
  };
}

/** One page request of a server's statements in the default order, and how to read it. */
export type Pager = {
  query: string;
  /** The page's end cursor, its size and the database ID of its last statement. */
  read(data: unknown): { endCursor: string; rows: number; lastId: number };
};

const oursPager: Pager = {
  query: /* GraphQL */ `
    query Page($after: String) {
      statements(first: 100, after: $after) {
        edges { node { id } }
        pageInfo { endCursor }
      }
    }`,
  read(data) {
    const { edges, pageInfo } = (
      data as {
        statements: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } };
      }
    ).statements;
    const last = Buffer.from(edges.at(-1)?.node.id ?? '', 'base64').toString();
    return {
      endCursor: pageInfo.endCursor,
      rows: edges.length,
      lastId: Number(last.split(':')[1]),
    };
  },
};

export class ShortWalk extends Error {}

/**
 * The cursor just after the `deepOffset`th statement, found the way a client finds it: by paging
 * 100 at a time through the API. Checks that the server's order ends the walk on `deepAfterId`.
 */
export async function deepCursor(post: GraphqlPost, deepAfterId: number, pager: Pager) {
  let after: string | null = null;
  let last = { endCursor: '', rows: 0, lastId: 0 };
  let seen = 0;
  for (let page = 0; page < deepOffset / 100; page++) {
    last = pager.read(await post(pager.query, { after }));
    seen += last.rows;
    if (last.rows < 100) {
      throw new ShortWalk(
        `paging by cursor ended after ${seen} statements, short of ${deepOffset}`,
      );
    }
    after = last.endCursor;
  }
  if (last.lastId !== deepAfterId) {
    throw new Error(
      `paging ended on statement ${last.lastId}, not ${deepAfterId}: the orders differ`,
    );
  }
  return last.endCursor;
}

const postgraphilePager: Pager = {
  query: /* GraphQL */ `
    query Page($after: Cursor) {
      allStatements(first: 100, after: $after, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
        nodes { rowId }
        pageInfo { endCursor }
      }
    }`,
  read(data) {
    const { nodes, pageInfo } = (
      data as {
        allStatements: { nodes: { rowId: number }[]; pageInfo: { endCursor: string } };
      }
    ).allStatements;
    return { endCursor: pageInfo.endCursor, rows: nodes.length, lastId: nodes.at(-1)?.rowId ?? 0 };
  },
};

/** Our cursor, checked against the database's pick. */
export const oursDeepCursor = (graphqlUrl: string, deepAfterId: number) =>
  deepCursor(graphqlClient(graphqlUrl), deepAfterId, oursPager);

/**
 * PostGraphile's. Its keyset condition leaves out rows whose order column is NULL, so paging by
 * cursor stops at the last dated statement; when the deep statement is undated, the cursor comes
 * from an offset query instead (`viaOffset`).
 */
export async function postgraphileDeepCursor(graphqlUrl: string, deepAfterId: number) {
  const post = graphqlClient(graphqlUrl);
  try {
    return { cursor: await deepCursor(post, deepAfterId, postgraphilePager), viaOffset: false };
  } catch (error) {
    if (!(error instanceof ShortWalk)) throw error;
  }
  const data = (await post(
    /* GraphQL */ `
      query Deep($offset: Int!) {
        allStatements(first: 1, offset: $offset, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
          edges { cursor node { rowId } }
        }
      }`,
    { offset: deepOffset - 1 },
  )) as { allStatements: { edges: { cursor: string; node: { rowId: number } }[] } };
  const [edge] = data.allStatements.edges;
  if (edge?.node.rowId !== deepAfterId) {
    throw new Error(
      `statement ${deepOffset} is ${edge?.node.rowId} for PostGraphile, not ${deepAfterId}`,
    );
  }
  return { cursor: edge.cursor, viaOffset: true };
}
