import { graphql } from './graphql.ts';
import { paths } from './links.ts';
import { DateText, Empty, Stance, Verification } from './ui.tsx';

export const StatementRowFields = graphql(`
  fragment StatementRow on Statement {
    id
    text
    kind
    verification
    retracted
    date { text }
    speaker { __typename ... on Person { id name } ... on Organization { id name } }
    subjects(first: 10) { edges { node { stance entity { __typename id name } } } }
  }
`);

type StatementRow = {
  id: string;
  text: string;
  kind: string;
  verification: string;
  retracted: boolean;
  date: { text: string } | null;
  speaker: { id: string; name: string };
  subjects: { edges: { node: { stance: string | null; entity: { id: string; name: string } } }[] };
};

/** Statements as a list: date, speaker, the text (a link), each subject with its stance. */
export function StatementList(props: {
  rows: { node: StatementRow; stance?: string | null }[];
  total: number;
  empty: string;
}) {
  if (props.rows.length === 0) return <Empty>{props.empty}</Empty>;
  return (
    <>
      {props.total > props.rows.length ? (
        <p class="status">
          Showing {props.rows.length} of {props.total}.
        </p>
      ) : null}
      <ul class="statements">
        {props.rows.map(({ node, stance }) => (
          <li key={node.id}>
            <p class="meta">
              <DateText date={node.date} /> ·{' '}
              <a href={paths.entity(node.speaker.id)}>{node.speaker.name}</a> ·{' '}
              {node.kind.toLowerCase()} · <Verification value={node.verification} />
              {node.retracted ? <span class="retracted"> · retracted</span> : null}
              {stance !== undefined ? (
                <>
                  {' '}
                  · <Stance stance={stance} />
                </>
              ) : null}
            </p>
            <p>
              <a href={paths.statement(node.id)}>{node.text}</a>
            </p>
            {node.subjects.edges.length ? (
              <p class="subjects">
                About:{' '}
                {node.subjects.edges.map(({ node: subject }, index) => (
                  <span key={subject.entity.id}>
                    {index > 0 ? ', ' : ''}
                    <a href={paths.entity(subject.entity.id)}>{subject.entity.name}</a>{' '}
                    <Stance stance={subject.stance} />
                  </span>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
