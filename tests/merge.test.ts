import { beforeAll, describe, expect, it } from 'vitest';
import { keyHeaders, mutate, snapshot } from './helpers/curation.js';
import { data, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  editor = await keyHeaders('EDITOR', 'ed');
  admin = await keyHeaders('ADMIN', 'ada');
});

/** The knowledge, without the audit trail and the columns every write moves. */
async function knowledge() {
  const { changes: _, ...tables } = await snapshot();
  return Object.fromEntries(
    Object.entries(tables).map(([table, rows]) => [
      table,
      rows.map((row: Record<string, unknown>) => {
        const { version: __, updatedAt: ___, ...rest } = row;
        return rest;
      }),
    ]),
  );
}

const node = async (id: string) =>
  (
    await data(
      `query ($id: ID!) { node(id: $id) { id ... on Person { name aliases
        statements(first: 20) { totalCount } meetings(first: 20) { totalCount edges { node { id } } } } } }`,
      { id },
    )
  ).node;

describe('merging two records of one person', () => {
  let wang: string;
  let duplicate: string;
  let beforeMerge: Awaited<ReturnType<typeof knowledge>>;
  let mergeChange: string;

  beforeAll(async () => {
    wang = (await idOf('people', 'Wang Yi')) as string;
    const lavrov = (await idOf('people', 'Sergei Lavrov')) as string;
    const russia = (await idOf('countries', 'Russia')) as string;
    const created = await mutate(
      'createPerson',
      { name: 'Wang Yee', description: 'A misspelt record.' },
      '... on CreatePersonSuccess { person { id } }',
      editor,
    );
    duplicate = created.person.id;
    await mutate('addAlias', { entity: duplicate, name: 'W. Yi' }, '', editor);
    await mutate(
      'createStatement',
      {
        speaker: duplicate,
        text: 'China and Russia are partners.',
        kind: 'PARAPHRASE',
        about: [{ subject: russia }],
      },
      '',
      editor,
    );
    await mutate(
      'createMeeting',
      { kind: 'TALKS', status: 'HELD', participants: [duplicate, lavrov], date: '2025-04-01' },
      '',
      editor,
    );
    beforeMerge = await knowledge();
  });

  it('is for admins only: an editor gets an authorization error and nothing changes', async () => {
    const before = await snapshot();
    const refused = await mutate('mergeEntities', { survivor: wang, duplicate }, '', editor);
    expect(refused.__typename).toBe('AuthorizationError');
    expect(refused.message).toContain('ADMIN');
    expect(await snapshot()).toEqual(before);
  });

  it('rejects merging an entity into itself or into another kind, changing nothing', async () => {
    const before = await snapshot();
    const self = await mutate('mergeEntities', { survivor: wang, duplicate: wang }, '', admin);
    expect(self.__typename).toBe('ValidationError');
    const china = (await idOf('countries', 'China')) as string;
    const kinds = await mutate('mergeEntities', { survivor: china, duplicate }, '', admin);
    expect(kinds.issues[0].path).toEqual(['input', 'duplicate']);
    expect(await snapshot()).toEqual(before);
  });

  it('moves every link to the survivor, keeps the other name as an alias, redirects the old ID', async () => {
    const survivorBefore = await node(wang);
    const duplicateBefore = await node(duplicate);
    const merged = await mutate(
      'mergeEntities',
      { survivor: wang, duplicate },
      '... on MergeEntitiesSuccess { survivor { id name } }',
      admin,
    );
    expect(merged.survivor).toEqual({ id: wang, name: 'Wang Yi' });
    const after = await node(wang);
    expect(after.aliases).toEqual(expect.arrayContaining(['W. Yi', 'Wang Yee']));
    expect(after.statements.totalCount).toBe(
      survivorBefore.statements.totalCount + duplicateBefore.statements.totalCount,
    );
    expect(after.meetings.totalCount).toBe(
      survivorBefore.meetings.totalCount + duplicateBefore.meetings.totalCount,
    );
    // The old ID resolves to the survivor, as a Wikidata redirect does.
    expect((await node(duplicate)).id).toBe(wang);
    const nodes = await data('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
      ids: [duplicate, wang],
    });
    expect(nodes.nodes).toEqual([{ id: wang }, { id: wang }]);
    const changes = await data(
      'query ($id: ID!) { changes(entity: $id, last: 1) { edges { node { id via } } } }',
      { id: duplicate },
      editor,
    );
    expect(changes.changes.edges[0].node.via).toBe('mergeEntities');
    mergeChange = changes.changes.edges[0].node.id;
  });

  it('is undone from the audit trail: the knowledge is as before the merge', async () => {
    const undone = await mutate(
      'undoOperation',
      { change: mergeChange },
      '... on UndoOperationSuccess { restoredRows }',
      admin,
    );
    expect(undone.restoredRows).toBeGreaterThan(5);
    expect(await knowledge()).toEqual(beforeMerge);
    expect((await node(duplicate)).id).toBe(duplicate);
    const again = await mutate('undoOperation', { change: mergeChange }, '', admin);
    expect(again.__typename).toBe('ConflictError');
  });
});
