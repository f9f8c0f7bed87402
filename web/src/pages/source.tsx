import { useQuery } from '@urql/preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { graphql } from '../graphql.ts';
import { paths } from '../links.ts';
import {
  DateText,
  Empty,
  ExternalLink,
  Failure,
  Loading,
  MarkedText,
  NotFound,
  useTitle,
} from '../ui.tsx';

const SourceQuery = graphql(`
  query ExplorerSource($id: ID!) {
    node(id: $id) {
      __typename
      ... on Source {
        id
        title
        publisher
        url
        language
        publishedOn { text }
        text
        attestations(first: 100) {
          totalCount
          edges {
            node {
              id
              startOffset
              endOffset
              statement { id text speaker { ... on Person { name } ... on Organization { name } } }
              meeting { id topic kind date { text } }
            }
          }
        }
      }
    }
  }
`);

export function SourcePage() {
  const id = decodeURIComponent(useRoute().params.id ?? '');
  const current = useLocation().query.attestation ?? null;
  const [result] = useQuery({ query: SourceQuery, variables: { id } });
  const node = result.data?.node;
  const source = node?.__typename === 'Source' ? node : null;
  useTitle(source?.title);
  const attestations = source?.attestations.edges.map((edge) => edge.node) ?? [];
  const marks = useMemo(
    () =>
      attestations.map((attestation) => ({
        id: attestation.id,
        start: attestation.startOffset,
        end: attestation.endOffset,
        current: attestation.id === current,
        href: attestation.statement
          ? paths.statement(attestation.statement.id)
          : attestation.meeting
            ? paths.meeting(attestation.meeting.id)
            : '#',
      })),
    [attestations, current],
  );
  useEffect(() => {
    if (current && source)
      document.getElementById(`attestation-${current}`)?.scrollIntoView({ block: 'center' });
  }, [current, source]);

  if (result.error && !result.data) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  if (!source) return <NotFound what="source" />;
  return (
    <article class="source">
      <header>
        <p class="kind">Source</p>
        <h1>{source.title}</h1>
        <dl class="facts">
          <dt>Publisher</dt>
          <dd>{source.publisher ?? 'not recorded'}</dd>
          <dt>Published</dt>
          <dd>
            <DateText date={source.publishedOn} />
          </dd>
          <dt>Address</dt>
          <dd>{source.url ? <ExternalLink url={source.url} /> : 'not recorded'}</dd>
        </dl>
      </header>
      <section aria-labelledby="text">
        <h2 id="text">Full text</h2>
        <p class="status">
          {source.attestations.totalCount} highlighted passages, each linked to the statement or
          meeting it attests.
        </p>
        <div class="source-text">
          <MarkedText text={source.text} marks={marks} />
        </div>
      </section>
      <section aria-labelledby="attested">
        <h2 id="attested">What this source attests</h2>
        {attestations.length ? (
          <ol>
            {attestations.map((attestation) => (
              <li key={attestation.id}>
                {attestation.statement ? (
                  <a href={paths.statement(attestation.statement.id)}>
                    {attestation.statement.speaker.name}: {attestation.statement.text}
                  </a>
                ) : attestation.meeting ? (
                  <a href={paths.meeting(attestation.meeting.id)}>
                    Meeting: {attestation.meeting.topic ?? attestation.meeting.kind.toLowerCase()}
                    {attestation.meeting.date ? ` (${attestation.meeting.date.text})` : ''}
                  </a>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <Empty>This source attests nothing yet.</Empty>
        )}
      </section>
    </article>
  );
}
