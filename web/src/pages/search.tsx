import { useQuery } from '@urql/preact';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { graphql, type ResultOf } from '../graphql.ts';
import { nodePath, paths } from '../links.ts';
import { Empty, Failure, Snippet, useTitle } from '../ui.tsx';

const SearchQuery = graphql(`
  query ExplorerSearch($query: String!) {
    search(query: $query, first: 40) {
      totalCount
      edges {
        rank
        snippet
        node {
          __typename
          ... on Person { id name }
          ... on Organization { id name }
          ... on Country { id name }
          ... on Statement { id text speaker { ... on Person { name } ... on Organization { name } } }
          ... on Meeting { id topic date { text } }
          ... on Source { id title }
        }
      }
    }
  }
`);

type Hit = ResultOf<typeof SearchQuery>['search']['edges'][number];

const groups = [
  ['Person', 'People'],
  ['Organization', 'Organizations'],
  ['Country', 'Countries'],
  ['Statement', 'Statements'],
  ['Meeting', 'Meetings'],
  ['Source', 'Sources'],
] as const;

/** What the user typed, as the API's search syntax: the word being typed matches as a prefix. */
export function asYouType(text: string): string {
  const trimmed = text.trim();
  if (!trimmed || /[\s"*]$/.test(text)) return trimmed;
  return `${trimmed}*`;
}

function hitTitle(node: Hit['node']): string {
  switch (node.__typename) {
    case 'Statement':
      return `${node.speaker.name}: ${node.text}`;
    case 'Meeting':
      return `${node.topic ?? 'Meeting'}${node.date ? ` (${node.date.text})` : ''}`;
    case 'Source':
      return node.title;
    default:
      return node.name;
  }
}

export function SearchPage() {
  const location = useLocation();
  const initial = location.query.q ?? '';
  const [text, setText] = useState(initial);
  const [debounced, setDebounced] = useState(initial);
  useTitle(debounced ? `Search: ${debounced}` : null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setDebounced(text);
      // The address follows the box, so a search can be bookmarked and shared.
      if (text !== (location.query.q ?? '')) location.route(paths.search(text), true);
    }, 200);
    return () => clearTimeout(timer);
  }, [text, location]);

  const query = asYouType(debounced);
  const [result] = useQuery({ query: SearchQuery, variables: { query }, pause: !query });
  const edges = result.data?.search.edges ?? [];

  return (
    <section class="search">
      <h1>Search</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: Preact's JSX types have no <search> element */}
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label for="search-box">
          People, organizations, countries, statements, meetings, sources
        </label>
        <input
          id="search-box"
          type="search"
          value={text}
          autoComplete="off"
          maxLength={200}
          placeholder="e.g. Zelensky, sanctions, Moscow"
          onInput={(event) => setText((event.target as HTMLInputElement).value)}
        />
      </form>
      {result.error ? <Failure error={result.error} /> : null}
      {query && result.data ? (
        <p role="status" class="status">
          {result.data.search.totalCount} results
        </p>
      ) : null}
      {query && result.data && edges.length === 0 ? (
        <Empty>Nothing matches “{debounced}”.</Empty>
      ) : null}
      {groups.map(([typename, heading]) => {
        const hits = edges.filter((edge) => edge.node.__typename === typename);
        if (hits.length === 0) return null;
        return (
          <section key={typename} class="result-group" aria-labelledby={`group-${typename}`}>
            <h2 id={`group-${typename}`}>{heading}</h2>
            <ul class="results">
              {hits.map((hit) => (
                <li key={hit.node.id}>
                  <a href={nodePath(hit.node.__typename, hit.node.id)}>{hitTitle(hit.node)}</a>
                  <p class="snippet">
                    <Snippet html={hit.snippet} />
                  </p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
