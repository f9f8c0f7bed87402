import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { graphql } from '../graphql.ts';
import { paths } from '../links.ts';
import { DateText, Empty, Failure, Loading, NotFound, useTitle } from '../ui.tsx';

const TimelineQuery = graphql(`
  query ExplorerTimeline($id: ID!) {
    node(id: $id) {
      __typename
      ... on Person { id name timeline(first: 100) {
        totalCount
        edges {
          relation
          node {
            __typename
            ... on Statement { id text date { text } speaker { ... on Person { name } ... on Organization { name } } }
            ... on Meeting { id topic kind date { text } }
          }
        }
      } }
      ... on Organization { id name timeline(first: 100) {
        totalCount
        edges {
          relation
          node {
            __typename
            ... on Statement { id text date { text } speaker { ... on Person { name } ... on Organization { name } } }
            ... on Meeting { id topic kind date { text } }
          }
        }
      } }
      ... on Country { id name timeline(first: 100) {
        totalCount
        edges {
          relation
          node {
            __typename
            ... on Statement { id text date { text } speaker { ... on Person { name } ... on Organization { name } } }
            ... on Meeting { id topic kind date { text } }
          }
        }
      } }
    }
  }
`);

const relationWords: Record<string, string> = {
  SAID: 'said',
  MENTIONED: 'was spoken about',
  TOOK_PART: 'took part in a meeting',
  HOSTED: 'hosted a meeting',
};

export function TimelinePage() {
  const id = decodeURIComponent(useRoute().params.id ?? '');
  const [result] = useQuery({ query: TimelineQuery, variables: { id } });
  const node = result.data?.node;
  const entity = node && 'timeline' in node ? node : null;
  useTitle(entity ? `Timeline of ${entity.name}` : null);
  if (result.error && !result.data) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  if (!entity) return <NotFound what="person, organization or country" />;
  return (
    <section class="timeline-page">
      <h1>
        Timeline of <a href={paths.entity(entity.id)}>{entity.name}</a>
      </h1>
      {entity.timeline.edges.length === 0 ? <Empty>Nothing recorded yet.</Empty> : null}
      <ol class="timeline">
        {entity.timeline.edges.map(({ relation, node: item }) => (
          <li key={`${relation}-${item.id}`}>
            <span class="period">
              <DateText date={item.date} />
            </span>{' '}
            {relationWords[relation] ?? relation}:{' '}
            {item.__typename === 'Statement' ? (
              <a href={paths.statement(item.id)}>
                {item.speaker.name}: {item.text}
              </a>
            ) : (
              <a href={paths.meeting(item.id)}>{item.topic ?? item.kind.toLowerCase()}</a>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
