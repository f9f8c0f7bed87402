import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { apiKey, setApiKey } from '../api-key.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { paths } from '../links.ts';
import { Empty, ExcerptInContext, Failure, Loading, useTitle } from '../ui.tsx';

// The API has no verification filter yet: the newest statements and meetings are read and the
// EXTRACTED ones shown.
const QueueQuery = graphql(`
  query ExplorerCurationQueue {
    meetings(first: 100, orderBy: DATE_DESC) {
      edges {
        node {
          id
          version
          topic
          kind
          confidence
          verification
          date { text }
          participants(first: 10) { edges { node { id name } } }
          attestations(first: 1) {
            edges { node { id startOffset endOffset source { id title text } } }
          }
        }
      }
    }
    statements(first: 100, orderBy: RECORDED_DESC) {
      edges {
        node {
          id
          version
          text
          kind
          confidence
          verification
          speaker { ... on Person { id name } ... on Organization { id name } }
          attestations(first: 1) {
            edges { node { id startOffset endOffset source { id title text } } }
          }
        }
      }
    }
  }
`);

const UpdateStatement = graphql(`
  mutation ExplorerUpdateStatement($input: UpdateStatementInput!) {
    updateStatement(input: $input) {
      __typename
      ... on UpdateStatementSuccess { statement { id version text verification } }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const UpdateMeeting = graphql(`
  mutation ExplorerUpdateMeeting($input: UpdateMeetingInput!) {
    updateMeeting(input: $input) {
      __typename
      ... on UpdateMeetingSuccess { meeting { id version topic verification } }
      ... on Error { message }
      ... on ValidationError { issues { path message } }
    }
  }
`);

const DeleteMeeting = graphql(`
  mutation ExplorerDeleteMeeting($input: VersionedInput!) {
    deleteMeeting(input: $input) {
      __typename
      ... on DeleteMeetingSuccess { deletedId }
      ... on Error { message }
    }
  }
`);

const DeleteStatement = graphql(`
  mutation ExplorerDeleteStatement($input: VersionedInput!) {
    deleteStatement(input: $input) {
      __typename
      ... on DeleteStatementSuccess { deletedId }
      ... on Error { message }
    }
  }
`);

type Queue = ResultOf<typeof QueueQuery>;
type Attestation =
  Queue['statements']['edges'][number]['node']['attestations']['edges'][number]['node'];

/** A statement or a meeting waiting for review; `text` is what Edit changes (text or topic). */
type Item = {
  type: 'statement' | 'meeting';
  id: string;
  version: number;
  text: string;
  confidence: number;
  byline: { id: string; name: string }[];
  kind: string;
  href: string;
  attestation: Attestation | undefined;
};

function queueOf(data: Queue | undefined): Item[] {
  if (!data) return [];
  const statements = data.statements.edges
    .map((edge) => edge.node)
    .filter((node) => node.verification === 'EXTRACTED')
    .map(
      (node): Item => ({
        type: 'statement',
        id: node.id,
        version: node.version,
        text: node.text,
        confidence: node.confidence,
        byline: [node.speaker],
        kind: node.kind.toLowerCase(),
        href: paths.statement(node.id),
        attestation: node.attestations.edges[0]?.node,
      }),
    );
  const meetings = data.meetings.edges
    .map((edge) => edge.node)
    .filter((node) => node.verification === 'EXTRACTED')
    .map(
      (node): Item => ({
        type: 'meeting',
        id: node.id,
        version: node.version,
        text: node.topic ?? '',
        confidence: node.confidence,
        byline: node.participants.edges.map((edge) => edge.node),
        kind: `meeting, ${node.kind.toLowerCase()}${node.date ? `, ${node.date.text}` : ''}`,
        href: paths.meeting(node.id),
        attestation: node.attestations.edges[0]?.node,
      }),
    );
  return [...statements, ...meetings];
}
type Outcome = { ok: boolean; message: string; link?: string };

function KeyForm({ onChange }: { onChange: () => void }) {
  const [draft, setDraft] = useState('');
  const stored = apiKey();
  return (
    <form
      class="key-form"
      onSubmit={(event) => {
        event.preventDefault();
        setApiKey(draft.trim() || null);
        setDraft('');
        onChange();
      }}
    >
      <label for="api-key">API key (kept in this browser tab only)</label>
      <input
        id="api-key"
        type="password"
        autoComplete="off"
        value={draft}
        onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
      />
      <button type="submit">Use this key</button>
      {stored ? (
        <button
          type="button"
          onClick={() => {
            setApiKey(null);
            onChange();
          }}
        >
          Forget the key
        </button>
      ) : null}
      <p class="status">
        {stored
          ? 'A key is set for this tab.'
          : 'No key set: you can read the queue, not change it.'}
      </p>
    </form>
  );
}

export function CuratePage() {
  useTitle('Curation');
  const [, rerender] = useState(0);
  const [result, refetch] = useQuery({ query: QueueQuery, requestPolicy: 'network-only' });
  const [, updateStatement] = useMutation(UpdateStatement);
  const [, removeStatement] = useMutation(DeleteStatement);
  const [, updateMeeting] = useMutation(UpdateMeeting);
  const [, removeMeeting] = useMutation(DeleteMeeting);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');

  const finish = (next: Outcome) => {
    setOutcome(next);
    refetch({ requestPolicy: 'network-only' });
  };
  const failure = (
    payload: { __typename: string; message?: string } | undefined,
    fallback: string,
  ) =>
    payload && 'message' in payload && payload.message
      ? `${payload.__typename}: ${payload.message}`
      : fallback;

  // One outcome per answer: the payload union's success type, or its error's message.
  const settle = (
    answer: {
      data?: Record<string, { __typename: string; message?: string } | undefined>;
      error?: Error;
    },
    success: string,
    done: Outcome,
  ) => {
    const payload = answer.data ? Object.values(answer.data)[0] : undefined;
    if (payload?.__typename === success) {
      setEditing(null);
      finish(done);
    } else finish({ ok: false, message: failure(payload, answer.error?.message ?? 'not changed') });
  };
  const verify = async (item: Item) => {
    const input = { id: item.id, version: item.version, verification: 'VERIFIED' as const };
    const done = { ok: true, message: `Verified: “${item.text}”`, link: item.href };
    if (item.type === 'statement')
      settle(await updateStatement({ input }), 'UpdateStatementSuccess', done);
    else settle(await updateMeeting({ input }), 'UpdateMeetingSuccess', done);
  };
  const save = async (item: Item) => {
    const done = { ok: true, message: 'Saved the new text.', link: item.href };
    const key = { id: item.id, version: item.version };
    if (item.type === 'statement') {
      settle(
        await updateStatement({ input: { ...key, text: draft } }),
        'UpdateStatementSuccess',
        done,
      );
    } else {
      settle(
        await updateMeeting({ input: { ...key, topic: draft } }),
        'UpdateMeetingSuccess',
        done,
      );
    }
  };
  const drop = async (item: Item) => {
    if (!window.confirm(`Delete the ${item.type} “${item.text}”?`)) return;
    const input = { id: item.id, version: item.version };
    const done = { ok: true, message: `Deleted the ${item.type}.` };
    if (item.type === 'statement')
      settle(await removeStatement({ input }), 'DeleteStatementSuccess', done);
    else settle(await removeMeeting({ input }), 'DeleteMeetingSuccess', done);
  };

  const queue = queueOf(result.data);
  const canWrite = Boolean(apiKey());

  return (
    <section class="curate">
      <h1>Curation</h1>
      <KeyForm onChange={() => rerender((n) => n + 1)} />
      {outcome ? (
        <p role="status" class={outcome.ok ? 'outcome ok' : 'outcome failed'}>
          {outcome.message} {outcome.link ? <a href={outcome.link}>Open it</a> : null}
        </p>
      ) : null}
      <h2>Extracted statements and meetings waiting for review</h2>
      {result.error ? <Failure error={result.error} /> : null}
      {!result.data && !result.error ? <Loading /> : null}
      {result.data && queue.length === 0 ? <Empty>Nothing waits for review.</Empty> : null}
      <ul class="queue">
        {queue.map((item) => {
          const attestation = item.attestation;
          return (
            <li key={item.id} class="queue-item">
              <p class="meta">
                {item.byline.map((entity, index) => (
                  <span key={entity.id}>
                    {index > 0 ? ', ' : ''}
                    <a href={paths.entity(entity.id)}>{entity.name}</a>
                  </span>
                ))}{' '}
                · {item.kind} · confidence {Math.round(item.confidence * 100)}%
              </p>
              {editing === item.id ? (
                <label class="edit">
                  {item.type === 'statement' ? 'Statement text' : 'Meeting topic'}
                  <textarea
                    value={draft}
                    rows={3}
                    onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
                  />
                </label>
              ) : (
                <p>
                  <a href={item.href}>{item.text || 'no topic recorded'}</a>
                </p>
              )}
              {attestation ? (
                <>
                  <p class="source-name">
                    In{' '}
                    <a href={paths.source(attestation.source.id, attestation.id)}>
                      {attestation.source.title}
                    </a>
                    :
                  </p>
                  <ExcerptInContext
                    text={attestation.source.text}
                    start={attestation.startOffset}
                    end={attestation.endOffset}
                    around={160}
                  />
                </>
              ) : (
                <p class="empty">No source attests it.</p>
              )}
              <div class="buttons">
                {editing === item.id ? (
                  <>
                    <button type="button" disabled={!canWrite} onClick={() => void save(item)}>
                      Save text
                    </button>
                    <button type="button" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" disabled={!canWrite} onClick={() => void verify(item)}>
                      Verify
                    </button>
                    <button
                      type="button"
                      disabled={!canWrite}
                      onClick={() => {
                        setEditing(item.id);
                        setDraft(item.text);
                      }}
                    >
                      Edit
                    </button>
                    <button type="button" disabled={!canWrite} onClick={() => void drop(item)}>
                      Delete
                    </button>
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
