import { useQuery } from '@urql/preact';
import { useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { graphql, type ResultOf } from '../graphql.ts';
import { LazyGraph } from '../lazy.tsx';
import { paths } from '../links.ts';
import { Empty, Failure, Loading, useTitle } from '../ui.tsx';
import { asYouType } from './search.tsx';

const PathQuery = graphql(`
  query ExplorerPath($from: ID!, $to: ID!, $ends: [ID!]!) {
    ends: nodes(ids: $ends) { __typename id ... on Entity { name } }
    path(from: { id: $from }, to: { id: $to }, maxDepth: 6) {
      length
      steps {
        from { __typename id name }
        to { __typename id name }
        via {
          __typename
          ... on Meeting { id topic kind date { text } }
          ... on Statement { id text speaker { ... on Person { id } ... on Organization { id } } }
        }
      }
    }
  }
`);

const PickerQuery = graphql(`
  query ExplorerEntityPicker($query: String!) {
    search(query: $query, first: 8, types: [PERSON, ORGANIZATION, COUNTRY]) {
      edges { node { __typename ... on Person { id name } ... on Organization { id name } ... on Country { id name } } }
    }
  }
`);

type Step = NonNullable<ResultOf<typeof PathQuery>['path']>['steps'][number];

/** A step read in path order: the speaker may be at either end of its statement. */
function stepWords(step: Step): string {
  if (step.via.__typename === 'Meeting') return 'met';
  return step.via.speaker.id === step.from.id ? 'spoke about' : 'was spoken about by';
}

/** A search box that offers people, organizations and countries to pick. */
function EntityPicker(props: { label: string; id: string; onPick: (id: string) => void }) {
  const [text, setText] = useState('');
  const query = asYouType(text);
  const [result] = useQuery({ query: PickerQuery, variables: { query }, pause: query.length < 2 });
  return (
    <div class="picker">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="search"
        value={text}
        maxLength={200}
        autoComplete="off"
        onInput={(event) => setText((event.target as HTMLInputElement).value)}
      />
      {query.length >= 2 && result.data ? (
        <ul class="choices">
          {result.data.search.edges.map(({ node }) =>
            'name' in node ? (
              <li key={node.id}>
                <button type="button" onClick={() => props.onPick(node.id)}>
                  {node.name}
                </button>
              </li>
            ) : null,
          )}
        </ul>
      ) : null}
    </div>
  );
}

export function PathPage() {
  useTitle('Path between two entities');
  const location = useLocation();
  const from = location.query.from ?? '';
  const to = location.query.to ?? '';
  const [result] = useQuery({
    query: PathQuery,
    variables: { from, to, ends: [from, to] },
    pause: !from || !to,
  });
  const path = result.data?.path;
  const graph = useMemo(() => {
    if (!path) return null;
    const nodes = new Map<string, { id: string; label: string; central?: boolean }>();
    for (const step of path.steps) {
      nodes.set(step.from.id, {
        id: step.from.id,
        label: step.from.name,
        central: step.from.id === from || step.from.id === to,
      });
      nodes.set(step.to.id, {
        id: step.to.id,
        label: step.to.name,
        central: step.to.id === from || step.to.id === to,
      });
    }
    return {
      nodes: [...nodes.values()],
      edges: path.steps.map((step, index) => ({
        id: `step-${index}`,
        source: step.from.id,
        target: step.to.id,
        weight: 1,
        label: stepWords(step),
      })),
    };
  }, [path, from, to]);
  const name = (id: string) => result.data?.ends.find((end) => end?.id === id);
  const endName = (id: string) => {
    const end = name(id);
    return end && 'name' in end ? end.name : null;
  };

  return (
    <section class="path">
      <h1>Path between two entities</h1>
      <div class="pickers">
        <div>
          <p>From: {from ? (endName(from) ?? 'chosen') : 'not chosen'}</p>
          <EntityPicker
            label="Find the start"
            id="path-from"
            onPick={(id) => location.route(paths.path(id, to))}
          />
        </div>
        <div>
          <p>To: {to ? (endName(to) ?? 'chosen') : 'not chosen'}</p>
          <EntityPicker
            label="Find the end"
            id="path-to"
            onPick={(id) => location.route(paths.path(from, id))}
          />
        </div>
      </div>
      {result.error ? <Failure error={result.error} /> : null}
      {from && to && !result.data && !result.error ? <Loading /> : null}
      {result.data && !path ? (
        <Empty>No chain of at most 6 meetings or statements links these two.</Empty>
      ) : null}
      {path && graph ? (
        <>
          <p class="status">
            {path.length} {path.length === 1 ? 'step' : 'steps'}.
          </p>
          <LazyGraph
            nodes={graph.nodes}
            edges={graph.edges}
            layout="breadthfirst"
            label="The path as a graph; the list below has the same steps."
          />
          <ol>
            {path.steps.map((step, index) => (
              <li key={`${step.from.id}-${index}`}>
                <a href={paths.entity(step.from.id)}>{step.from.name}</a>{' '}
                {step.via.__typename === 'Meeting' ? (
                  <a href={paths.meeting(step.via.id)}>
                    met ({step.via.topic ?? step.via.kind.toLowerCase()})
                  </a>
                ) : (
                  <a href={paths.statement(step.via.id)}>{stepWords(step)}</a>
                )}{' '}
                <a href={paths.entity(step.to.id)}>{step.to.name}</a>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
