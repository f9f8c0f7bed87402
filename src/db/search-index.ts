// Full-text search per provider. The indexes live outside Prisma's model (hand-written migrations
// `*_search_index`): SQLite's FTS5 table `search_fts`, PostgreSQL's `search_document` with a
// generated tsvector and a GIN index, both kept current by triggers on every searchable table.
import type { SearchTerm } from '../shared/search-query.js';
import { database } from './client.js';
import { nameIndexTables } from './name-index.js';

export const searchKinds = [
  'Person',
  'Country',
  'Organization',
  'Statement',
  'Meeting',
  'Source',
] as const;
export type SearchKind = (typeof searchKinds)[number];

/** Tables the search migrations create, which Prisma's schema must not treat as drift. */
export const searchIndexTables: Record<'sqlite' | 'postgresql', readonly string[]> = {
  sqlite: [
    'search_fts',
    'search_fts_config',
    'search_fts_content',
    'search_fts_data',
    'search_fts_docsize',
    'search_fts_idx',
  ],
  postgresql: ['search_document'],
};

/**
 * The hand-written index tables (full-text search and the name index), as the schema engine's
 * diff filters want them (PostgreSQL's schema-qualified).
 */
export function searchIndexFilter(provider: 'sqlite' | 'postgresql'): string[] {
  return [...searchIndexTables[provider], ...nameIndexTables[provider]].map((table) =>
    provider === 'postgresql' ? `public.${table}` : table,
  );
}

/** PostgreSQL: the trigger on each searchable table, and the function it calls per document. */
export const searchRefresh = { trigger: 'search_sync', function: 'search_refresh' } as const;

export type SearchHit = { kind: SearchKind; id: number; rank: number; snippet: string };

// The database marks matches with private-use characters; the text is HTML-escaped before they
// become <b> tags, so a snippet is safe to render as HTML whatever the stored text holds.
const highlight = { start: '\uE001', end: '\uE002', ellipsis: '…' };

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function snippetHtml(marked: string): string {
  return marked
    .replace(/[&<>"']/g, (char) => htmlEscapes[char] as string)
    .replaceAll(highlight.start, '<b>')
    .replaceAll(highlight.end, '</b>');
}

/** FTS5 MATCH input: every term quoted, so no user text is read as FTS5 syntax. */
export function fts5Match(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const quoted = `"${term.words.join(' ')}"`;
      return term.prefix ? `${quoted} *` : quoted;
    })
    .join(' AND ');
}

/** to_tsquery input: terms hold only letters and digits, so they cannot be tsquery syntax. */
export function tsQuery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const words = term.words.map((word, index) =>
        term.prefix && index === term.words.length - 1 ? `${word}:*` : word,
      );
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0];
    })
    .join(' & ');
}

/** One page of ranked hits (best first, ties by kind and ID) and the total number of hits. */
export async function searchIndex(
  terms: SearchTerm[],
  kinds: readonly SearchKind[],
  page: { limit: number; offset: number },
): Promise<{ hits: SearchHit[]; total: () => Promise<number> }> {
  const connection = database();
  const { provider, prisma } = connection;
  const kindList = kinds.join(',');
  const { limit, offset } = page;
  if (provider === 'sqlite') {
    const match = fts5Match(terms);
    // Ranking every match of a common word takes tens of milliseconds: it runs on a reader thread.
    const matching = `FROM search_fts
      WHERE search_fts MATCH @p1 AND instr(',' || @p2 || ',', ',' || kind || ',') > 0`;
    // bm25 is lower for better matches; titles (names, statement texts) weigh more than bodies.
    const rows = await connection.readRows<{
      kind: SearchKind;
      id: number;
      rank: number;
      snippet: string;
    }>(
      `SELECT kind, rowid / 8 AS id, -bm25(search_fts, 10.0, 1.0) AS rank,
        snippet(search_fts, -1, @p3, @p4, @p5, 16) AS snippet
      ${matching}
      ORDER BY rank DESC, rowid ASC
      LIMIT @p6 OFFSET @p7`,
      [match, kindList, highlight.start, highlight.end, highlight.ellipsis, limit, offset],
    );
    return {
      hits: rows.map((row) => ({ ...row, snippet: snippetHtml(row.snippet) })),
      // Counting every match costs as much as the search: only when asked for.
      total: async () => {
        const [count] = await connection.readRows<{ total: number }>(
          `SELECT count(*) AS total ${matching}`,
          [match, kindList],
        );
        return count?.total ?? 0;
      },
    };
  }
  const query = tsQuery(terms);
  const options = `StartSel=${highlight.start}, StopSel=${highlight.end}, FragmentDelimiter=" ${highlight.ellipsis} ", MaxFragments=2, MaxWords=16, MinWords=6`;
  // The headline is computed for the page only: it reads the whole text, ranking does not.
  const rows = await prisma.$queryRaw<
    { kind: SearchKind; id: number; rank: number; snippet: string }[]
  >`
      WITH q AS (SELECT to_tsquery('english', ${query}) AS query),
      page AS (
        SELECT d.key, d.kind, d.title, d.body, ts_rank_cd(d.document, q.query) AS rank
        FROM search_document d, q
        WHERE d.document @@ q.query AND d.kind = ANY (string_to_array(${kindList}, ','))
        ORDER BY rank DESC, d.key ASC
        LIMIT ${limit} OFFSET ${offset}
      )
      SELECT page.kind, (page.key / 8)::int AS id, page.rank::float8 AS rank,
        ts_headline('english', page.title || ' ' || page.body, q.query, ${options}) AS snippet
      FROM page, q
      ORDER BY page.rank DESC, page.key ASC`;
  return {
    hits: rows.map((row) => ({
      ...row,
      rank: Number(row.rank),
      snippet: snippetHtml(row.snippet),
    })),
    total: async () => {
      const count = await prisma.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS total FROM search_document d
        WHERE d.document @@ to_tsquery('english', ${query})
          AND d.kind = ANY (string_to_array(${kindList}, ','))`;
      return count[0]?.total ?? 0;
    },
  };
}

/**
 * The IDs of the rows of one kind that match, with their rank (higher is better), at most
 * `limit` of them: what filters combine with their other conditions.
 */
export async function matchingIds(
  terms: SearchTerm[],
  kind: SearchKind,
  limit: number,
): Promise<Map<number, number>> {
  const connection = database();
  const rows =
    connection.provider === 'sqlite'
      ? await connection.readRows<{ id: number; rank: number }>(
          `SELECT rowid / 8 AS id, -bm25(search_fts, 10.0, 1.0) AS rank FROM search_fts
          WHERE search_fts MATCH @p1 AND kind = @p2 LIMIT @p3`,
          [fts5Match(terms), kind, limit],
        )
      : await connection.prisma.$queryRaw<{ id: number; rank: number }[]>`
          SELECT (d.key / 8)::int AS id, ts_rank_cd(d.document, q.query)::float8 AS rank
          FROM search_document d, to_tsquery('english', ${tsQuery(terms)}) AS q(query)
          WHERE d.document @@ q.query AND d.kind = ${kind} LIMIT ${limit}`;
  return new Map(rows.map((row) => [Number(row.id), Number(row.rank)]));
}
