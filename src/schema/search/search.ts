import { offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { searchIndex, searchKinds } from '../../db/search-index.js';
import { parseSearchQuery } from '../../shared/search-query.js';
import { builder } from '../builder.js';
import { Country } from '../country/country.js';
import { Meeting } from '../meeting/meeting.js';
import { Organization } from '../organization/organization.js';
import { Person } from '../person/person.js';
import { badInput } from '../shared/errors.js';
import { kindOfRow, loadByKind } from '../shared/load-by-kind.js';
import { checkOffsetCursors } from '../shared/offset-cursor.js';
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

export const SearchResult = builder.unionType('SearchResult', {
  description: 'Anything `search` finds.',
  types: [Person, Country, Organization, Statement, Meeting, Source],
  resolveType: kindOfRow,
});

type SearchNode = typeof SearchResult.$inferType;
type SearchEdge = { cursor: string; node: SearchNode; rank: number; snippet: string };

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
        checkOffsetCursors(args);
        const kinds = args.types?.length ? [...new Set(args.types)] : searchKinds;
        const page = offsetForArgs({ args, defaultSize: 20, maxSize: 100 });
        const { hits, total } = await searchIndex(terms, kinds, page);
        const shown = hits.slice(0, page.expectedSize);
        const rows = (await loadByKind(shown, context, info)) as Map<string, SearchNode>;
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
