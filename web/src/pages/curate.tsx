import { useMutation, useQuery } from '@urql/preact';
import { useState } from 'preact/hooks';
import { apiKey, setApiKey } from '../api-key.ts';
import { graphql, type ResultOf } from '../graphql.ts';
import { paths } from '../links.ts';
import { Empty, ExcerptInContext, Failure, Loading, useTitle } from '../ui.tsx';

// The API has no verification filter yet: the newest statements are read and the EXTRACTED
// ones shown.
const QueueQuery = graphql(`
  query ExplorerCurationQueue {
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

const DeleteStatement = graphql(`
  mutation ExplorerDeleteStatement($input: VersionedInput!) {
    deleteStatement(input: $input) {
      __typename
      ... on DeleteStatementSuccess { deletedId }
      ... on Error { message }
    }
  }
`);

type Item = ResultOf<typeof QueueQuery>['statements']['edges'][number]['node'];
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
  const [, update] = useMutation(UpdateStatement);
  const [, remove] = useMutation(DeleteStatement);
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

  const verify = async (item: Item) => {
    const answer = await update({
      input: { id: item.id, version: item.version, verification: 'VERIFIED' },
    });
    const payload = answer.data?.updateStatement;
    if (payload?.__typename === 'UpdateStatementSuccess') {
      finish({ ok: true, message: `Verified: “${item.text}”`, link: paths.statement(item.id) });
    } else
      finish({ ok: false, message: failure(payload, answer.error?.message ?? 'not verified') });
  };
  const save = async (item: Item) => {
    const answer = await update({ input: { id: item.id, version: item.version, text: draft } });
    const payload = answer.data?.updateStatement;
    if (payload?.__typename === 'UpdateStatementSuccess') {
      setEditing(null);
      finish({ ok: true, message: 'Saved the new text.', link: paths.statement(item.id) });
    } else finish({ ok: false, message: failure(payload, answer.error?.message ?? 'not saved') });
  };
  const drop = async (item: Item) => {
    if (!window.confirm(`Delete the statement “${item.text}”?`)) return;
    const answer = await remove({ input: { id: item.id, version: item.version } });
    const payload = answer.data?.deleteStatement;
    if (payload?.__typename === 'DeleteStatementSuccess')
      finish({ ok: true, message: 'Deleted the statement.' });
    else finish({ ok: false, message: failure(payload, answer.error?.message ?? 'not deleted') });
  };

  const queue = (result.data?.statements.edges ?? [])
    .map((edge) => edge.node)
    .filter((item) => item.verification === 'EXTRACTED');
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
      <h2>Extracted statements waiting for review</h2>
      {result.error ? <Failure error={result.error} /> : null}
      {!result.data && !result.error ? <Loading /> : null}
      {result.data && queue.length === 0 ? <Empty>Nothing waits for review.</Empty> : null}
      <ul class="queue">
        {queue.map((item) => {
          const attestation = item.attestations.edges[0]?.node;
          return (
            <li key={item.id} class="queue-item">
              <p class="meta">
                <a href={paths.entity(item.speaker.id)}>{item.speaker.name}</a> ·{' '}
                {item.kind.toLowerCase()} · confidence {Math.round(item.confidence * 100)}%
              </p>
              {editing === item.id ? (
                <label class="edit">
                  Statement text
                  <textarea
                    value={draft}
                    rows={3}
                    onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)}
                  />
                </label>
              ) : (
                <p>
                  <a href={paths.statement(item.id)}>{item.text}</a>
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
