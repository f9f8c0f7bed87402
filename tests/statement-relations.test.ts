import { beforeAll, describe, expect, it } from 'vitest';
import { keyHeaders, mutate, snapshot } from './helpers/curation.js';
import { data, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();
let editor: Record<string, string>;

beforeAll(async () => {
  editor = await keyHeaders('EDITOR');
});

const statementsOf = async (speaker: string, retracted?: boolean) =>
  (
    await data(
      `query ($speaker: ID!, $retracted: Boolean) {
        statements(filter: { speaker: { id: $speaker }, retracted: $retracted }, first: 50) {
          totalCount edges { node { id text retracted responses { kind statement { text } } } }
        } }`,
      { speaker, retracted },
    )
  ).statements;

describe('statements that deny, retract or correct others', () => {
  let trump: string;
  let claim: { id: string; text: string };
  let retraction: string;

  beforeAll(async () => {
    trump = (await idOf('people', 'Donald Trump')) as string;
    claim = (await statementsOf(trump)).edges[0].node;
    const created = await mutate(
      'createStatement',
      { speaker: trump, text: 'I was not angry at Putin after all.', kind: 'PARAPHRASE' },
      '... on CreateStatementSuccess { statement { id } }',
      editor,
    );
    retraction = created.statement.id;
  });

  it('records a retraction, and filters can leave retracted claims out', async () => {
    const all = await statementsOf(trump);
    const related = await mutate(
      'relateStatements',
      { statement: retraction, kind: 'RETRACTS', target: claim.id },
      '... on RelateStatementsSuccess { statement { respondsTo { kind target { id } } } }',
      editor,
    );
    expect(related.statement.respondsTo).toEqual([{ kind: 'RETRACTS', target: { id: claim.id } }]);
    const current = await statementsOf(trump, false);
    expect(current.totalCount).toBe(all.totalCount - 1);
    expect(current.edges.map((edge: any) => edge.node.id)).not.toContain(claim.id);
    const retracted = await statementsOf(trump, true);
    expect(retracted.edges.map((edge: any) => edge.node)).toEqual([
      {
        id: claim.id,
        text: claim.text,
        retracted: true,
        responses: [
          { kind: 'RETRACTS', statement: { text: 'I was not angry at Putin after all.' } },
        ],
      },
    ]);
  });

  it('rejects a retraction by someone else, a self-reference and a duplicate, changing nothing', async () => {
    const before = await snapshot();
    const guo = (await idOf('people', 'Guo Jiakun')) as string;
    const other = (await statementsOf(guo)).edges[0].node.id;
    const foreign = await mutate(
      'relateStatements',
      { statement: other, kind: 'RETRACTS', target: claim.id },
      '',
      editor,
    );
    expect(foreign).toMatchObject({ __typename: 'ValidationError' });
    expect(foreign.issues[0].path).toEqual(['input', 'kind']);
    const self = await mutate(
      'relateStatements',
      { statement: claim.id, kind: 'CORRECTS', target: claim.id },
      '',
      editor,
    );
    expect(self.issues[0].path).toEqual(['input', 'target']);
    const twice = await mutate(
      'relateStatements',
      { statement: retraction, kind: 'RETRACTS', target: claim.id },
      '',
      editor,
    );
    expect(twice.__typename).toBe('ConflictError');
    expect(await snapshot()).toEqual(before);
  });

  it('lets a denial by someone else stand without retracting, and removes relations', async () => {
    const guo = (await idOf('people', 'Guo Jiakun')) as string;
    const other = (await statementsOf(guo)).edges[0].node.id;
    await mutate(
      'relateStatements',
      { statement: other, kind: 'DENIES', target: claim.id },
      '',
      editor,
    );
    const removed = await mutate(
      'unrelateStatements',
      { statement: retraction, kind: 'RETRACTS', target: claim.id },
      '... on UnrelateStatementsSuccess { statement { respondsTo { kind } } }',
      editor,
    );
    expect(removed.statement.respondsTo).toEqual([]);
    const claimNow = (await statementsOf(trump, false)).edges.find(
      (edge: any) => edge.node.id === claim.id,
    );
    expect(claimNow.node.retracted).toBe(false);
    expect(claimNow.node.responses.map((r: any) => r.kind)).toEqual(['DENIES']);
  });
});
