import { useQuery } from '@urql/preact';
import { useRoute } from 'preact-iso';
import { graphql } from '../graphql.ts';
import { paths } from '../links.ts';
import { StatementList, StatementRowFields } from '../statement-list.tsx';
import {
  DateText,
  Empty,
  ExcerptInContext,
  Failure,
  Loading,
  NotFound,
  Stance,
  useTitle,
  Verification,
} from '../ui.tsx';

const StatementQuery = graphql(
  `
  query ExplorerStatement($id: ID!) {
    node(id: $id) {
      __typename
      ... on Statement {
        id
        text
        kind
        confidence
        verification
        retracted
        date { text }
        reportedOn { text }
        speaker { __typename ... on Person { id name } ... on Organization { id name } }
        speakerRoles { id title country { name } organization { name } }
        subjects(first: 50) { edges { node { stance entity { __typename id name } } } }
        respondsTo { kind target { ...StatementRow } }
        responses { kind statement { ...StatementRow } }
        attestations(first: 20) {
          edges {
            node {
              id
              excerpt
              startOffset
              endOffset
              source { id title publisher url publishedOn { text } text }
            }
          }
        }
      }
    }
  }
`,
  [StatementRowFields],
);

const relationWords: Record<string, [string, string]> = {
  DENIES: ['denies', 'denied by'],
  RETRACTS: ['retracts', 'retracted by'],
  CORRECTS: ['corrects', 'corrected by'],
};

export function StatementPage() {
  const id = decodeURIComponent(useRoute().params.id ?? '');
  const [result] = useQuery({ query: StatementQuery, variables: { id } });
  const node = result.data?.node;
  const statement = node?.__typename === 'Statement' ? node : null;
  useTitle(statement ? `${statement.speaker.name}: ${statement.text.slice(0, 60)}` : null);
  if (result.error && !result.data) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  if (!statement) return <NotFound what="statement" />;
  const related = [
    ...statement.respondsTo.map((r) => ({ words: relationWords[r.kind]?.[0], node: r.target })),
    ...statement.responses.map((r) => ({ words: relationWords[r.kind]?.[1], node: r.statement })),
  ];
  return (
    <article class="statement">
      <header>
        <p class="kind">
          Statement · {statement.kind.toLowerCase()} ·{' '}
          <Verification value={statement.verification} /> · confidence{' '}
          {Math.round(statement.confidence * 100)}%
          {statement.retracted ? ' · retracted by its speaker' : ''}
        </p>
        <h1 class="statement-text">{statement.text}</h1>
        <dl class="facts">
          <dt>Speaker</dt>
          <dd>
            <a href={paths.entity(statement.speaker.id)}>{statement.speaker.name}</a>
            {statement.speakerRoles.length
              ? `, ${statement.speakerRoles
                  .map((role) =>
                    [role.title, role.organization?.name ?? role.country?.name]
                      .filter(Boolean)
                      .join(', '),
                  )
                  .join('; ')} at the time`
              : ''}
          </dd>
          <dt>Said</dt>
          <dd>
            <DateText date={statement.date} />
          </dd>
          <dt>First reported</dt>
          <dd>
            <DateText date={statement.reportedOn} />
          </dd>
        </dl>
      </header>
      <section aria-labelledby="subjects">
        <h2 id="subjects">About</h2>
        {statement.subjects.edges.length ? (
          <ul>
            {statement.subjects.edges.map(({ node: subject }) => (
              <li key={subject.entity.id}>
                <a href={paths.entity(subject.entity.id)}>{subject.entity.name}</a>:{' '}
                <Stance stance={subject.stance} />
              </li>
            ))}
          </ul>
        ) : (
          <Empty>No subjects recorded.</Empty>
        )}
      </section>
      <section aria-labelledby="related">
        <h2 id="related">Related statements</h2>
        {related.length ? (
          related.map((relation) => (
            <div key={relation.node.id}>
              <p class="relation">This statement {relation.words}:</p>
              <StatementList rows={[{ node: relation.node }]} total={1} empty="" />
            </div>
          ))
        ) : (
          <Empty>No statement denies, retracts or corrects this one, or is answered by it.</Empty>
        )}
      </section>
      <section aria-labelledby="sources">
        <h2 id="sources">Sources</h2>
        {statement.attestations.edges.length ? (
          <ul class="attestations">
            {statement.attestations.edges.map(({ node: attestation }) => (
              <li key={attestation.id}>
                <p>
                  <a href={paths.source(attestation.source.id, attestation.id)}>
                    {attestation.source.title}
                  </a>
                  {attestation.source.publisher ? `, ${attestation.source.publisher}` : ''}
                  {attestation.source.publishedOn ? `, ${attestation.source.publishedOn.text}` : ''}
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
          <Empty>No source attests this statement.</Empty>
        )}
      </section>
    </article>
  );
}
