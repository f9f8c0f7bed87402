import { queryFromInfo } from '@pothos/plugin-prisma';
import { cursorToOffset, offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { db } from '../../db/client.js';
import {
  type SearchHit,
  type SearchKind,
  searchIndex,
  searchKinds,
} from '../../db/search-index.js';
import { parseSearchQuery } from '../../shared/search-query.js';
import { builder } from '../builder.js';
import { Country } from '../country/country.js';
import { Meeting } from '../meeting/meeting.js';
import { Organization } from '../organization/organization.js';
import { Person } from '../person/person.js';
import { badInput } from '../shared/errors.js';
import { Source } from '../source/source.js';
import { Statement } from '../statement/statement.js';

const maxQueryLength = 500;

export const SearchTypeEnum = builder.enumType('SearchType', {
  description: 'What `search` may return.',
  values: {
    PERSON: { value: 'Person', description: 'Names and aliases (and descriptions).' },
    COUNTRY: { value: 'Country', description: 'Names, aliases and ISO codes.' },
    ORGANIZATION: { value: 'Organization', description: 'Names and aliases.' },
    STATEMENT: { value: 'Statement', description: 'The text and the excerpts attesting it.' },
    MEETING: { value: 'Meeting', description: 'The topic, place and attesting excerpts.' },
    SOURCE: { value: 'Source', description: 'Title, publisher and full text.' },
  } as const,
});

// Rows of different models look alike, so each result row carries its GraphQL type here.
const kindOf = new WeakMap<object, SearchKind>();

export const SearchResult = builder.unionType('SearchResult', {
  description: 'Anything `search` finds.',
  types: [Person, Country, Organization, Statement, Meeting, Source],
  resolveType: (row) => {
    const kind = kindOf.get(row);
    if (!kind) throw new Error('a search result was returned without its type');
    return kind;
  },
});

type SearchNode = typeof SearchResult.$inferType;
type SearchEdge = { cursor: string; node: SearchNode; rank: number; snippet: string };

function offsetOf(cursor: string | null | undefined, argument: string): void {
  if (cursor == null) return;
  let offset: number;
  try {
    offset = cursorToOffset(cursor);
  } catch {
    throw badInput(argument, `"${cursor}" is not a cursor of this connection`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw badInput(argument, `"${cursor}" is not a cursor of this connection`);
  }
}

// The rows of one kind, loaded with what the query selects under `... on <kind>`.
function loadRows(kind: SearchKind, ids: number[], query: object): Promise<{ id: number }[]> {
  const args = { ...query, where: { id: { in: ids } } };
  switch (kind) {
    case 'Person':
      return db().person.findMany(args);
    case 'Country':
      return db().country.findMany(args);
    case 'Organization':
      return db().organization.findMany(args);
    case 'Statement':
      return db().statement.findMany(args);
    case 'Meeting':
      return db().meeting.findMany(args);
    case 'Source':
      return db().source.findMany(args);
  }
}

builder.queryField('search', (t) =>
  t.connection(
    {
      type: SearchResult,
      description:
        'Full-text search, best matches first. Words are ANDed; "a phrase" matches words in order; ' +
        'a trailing * matches a prefix (Zelen*); words match their other forms (negotiations finds ' +
        'negotiation); case and accents are ignored. Other operators are treated as text.',
      args: {
        query: t.arg.string({ required: true }),
        types: t.arg({
          type: [SearchTypeEnum],
          required: false,
          description: 'Only these kinds of results (all by default).',
        }),
      },
      resolve: async (_parent, args, context, info) => {
        if (args.query.length > maxQueryLength) {
          throw badInput('query', `must be at most ${maxQueryLength} characters`);
        }
        const terms = parseSearchQuery(args.query);
        if (!terms.length) throw badInput('query', 'must contain a word to search for');
        offsetOf(args.after, 'after');
        offsetOf(args.before, 'before');
        const kinds = args.types?.length ? [...new Set(args.types)] : searchKinds;
        const page = offsetForArgs({ args, defaultSize: 20, maxSize: 100 });
        const { hits, total } = await searchIndex(terms, kinds, page);
        const shown = hits.slice(0, page.expectedSize);
        const rows = await loadNodes(shown, context, info);
        const edges: SearchEdge[] = [];
        for (const [index, hit] of shown.entries()) {
          const node = rows.get(`${hit.kind}:${hit.id}`);
          if (!node) continue;
          edges.push({ cursor: offsetToCursor(page.offset + index), node, ...hit });
        }
        return {
          edges,
          totalCount: total,
          pageInfo: {
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
            hasPreviousPage: page.hasPreviousPage,
            hasNextPage: page.hasNextPage(hits.length),
          },
        };
      },
    },
    { description: 'Search results, best first.' },
    {
      description: 'A result with its relevance and the matching text.',
      fields: (edge) => ({
        rank: edge.float({
          description: 'Relevance: higher is better; comparable within one search only.',
          resolve: (e) => (e as unknown as SearchEdge).rank,
        }),
        snippet: edge.string({
          description: 'The best-matching text, matched words wrapped in <b>…</b>.',
          resolve: (e) => (e as unknown as SearchEdge).snippet,
        }),
      }),
    },
  ),
);

async function loadNodes(
  hits: SearchHit[],
  context: object,
  info: Parameters<typeof queryFromInfo>[0]['info'],
): Promise<Map<string, SearchNode>> {
  const byKind = new Map<SearchKind, number[]>();
  for (const hit of hits) byKind.set(hit.kind, [...(byKind.get(hit.kind) ?? []), hit.id]);
  const loaded = await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const query = queryFromInfo({ context, info, typeName: kind, path: ['edges', 'node'] });
      const rows = await loadRows(kind, ids, query);
      return rows.map((row) => {
        kindOf.set(row, kind);
        return [`${kind}:${row.id}`, row as SearchNode] as const;
      });
    }),
  );
  return new Map(loaded.flat());
}
