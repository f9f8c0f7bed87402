import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { graphql } from '../graphql.ts';
import { paths } from '../links.ts';
import {
  DateText,
  Empty,
  ExcerptInContext,
  Failure,
  Loading,
  NotFound,
  useTitle,
  Verification,
} from '../ui.tsx';

const MeetingQuery = graphql(`
  query ExplorerMeeting($id: ID!) {
    node(id: $id) {
      __typename
      ... on Meeting {
        id
        kind
        status
        topic
        placeName
        confidence
        verification
        date { text }
        country { id name }
        participants(first: 50) { edges { node { id name currentRoles { title } } } }
        attestations(first: 20) {
          edges { node { id startOffset endOffset source { id title publisher text } } }
        }
      }
    }
  }
`);

export function MeetingPage() {
  const id = decodeURIComponent(useRoute().params.id ?? '');
  const [result] = useQuery({ query: MeetingQuery, variables: { id } });
  const node = result.data?.node;
  const meeting = node?.__typename === 'Meeting' ? node : null;
  const title = meeting
    ? (meeting.topic ??
      `${meeting.kind.toLowerCase()} of ${meeting.participants.edges.map((e) => e.node.name).join(', ')}`)
    : null;
  useTitle(title);
  if (result.error && !result.data) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  if (!meeting) return <NotFound what="meeting" />;
  return (
    <article class="meeting">
      <header>
        <p class="kind">
          Meeting · {meeting.kind.toLowerCase()} · {meeting.status.toLowerCase()} ·{' '}
          <Verification value={meeting.verification} />
        </p>
        <h1>{title}</h1>
        <dl class="facts">
          <dt>When</dt>
          <dd>
            <DateText date={meeting.date} />
          </dd>
          <dt>Where</dt>
          <dd>
            {[meeting.placeName].filter(Boolean).join('')}
            {meeting.country ? (
              <>
                {meeting.placeName ? ', ' : ''}
                <a href={paths.entity(meeting.country.id)}>{meeting.country.name}</a>
              </>
            ) : meeting.placeName ? null : (
              'not recorded'
            )}
          </dd>
        </dl>
      </header>
      <section aria-labelledby="participants">
        <h2 id="participants">Participants</h2>
        {meeting.participants.edges.length ? (
          <ul>
            {meeting.participants.edges.map(({ node: person }) => (
              <li key={person.id}>
                <a href={paths.entity(person.id)}>{person.name}</a>
                {person.currentRoles.length
                  ? `, ${person.currentRoles.map((r) => r.title).join(', ')}`
                  : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No participants recorded.</Empty>
        )}
      </section>
      <section aria-labelledby="sources">
        <h2 id="sources">Sources</h2>
        {meeting.attestations.edges.length ? (
          <ul class="attestations">
            {meeting.attestations.edges.map(({ node: attestation }) => (
              <li key={attestation.id}>
                <p>
                  <a href={paths.source(attestation.source.id, attestation.id)}>
                    {attestation.source.title}
                  </a>
                  {attestation.source.publisher ? `, ${attestation.source.publisher}` : ''}
                </p>
                <ExcerptInContext
                  text={attestation.source.text}
                  start={attestation.startOffset}
                  end={attestation.endOffset}
                />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No source attests this meeting.</Empty>
        )}
      </section>
    </article>
  );
}
