import { beforeAll, describe, expect, it } from 'vitest';
import { keyHeaders, mutate, snapshot } from './helpers/curation.js';
import { data, execute, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();
let editor: Record<string, string>;

beforeAll(async () => {
  editor = await keyHeaders('EDITOR', 'alice');
});

/** Runs the mutation expecting a typed error; asserts that no row of any table changed. */
async function rejected(field: string, input: Record<string, unknown>, headers = editor) {
  const before = await snapshot();
  const payload = await mutate(field, input, '', headers);
  expect(await snapshot()).toEqual(before);
  return payload;
}

const version = async (id: string | undefined) =>
  (
    await data(
      `query ($id: ID!) { node(id: $id) { ... on Person { version } ... on Country { version }
    ... on Organization { version } ... on Statement { version } ... on Meeting { version }
    ... on Role { version } } }`,
      { id },
    )
  ).node.version as number;

describe('countries', () => {
  it('creates, updates and deletes a country, recording each change', async () => {
    const created = await mutate(
      'createCountry',
      { name: 'France', iso2: 'FR', iso3: 'FRA' },
      '... on CreateCountrySuccess { country { id name isoCode version } }',
      editor,
    );
    expect(created.country).toMatchObject({ name: 'France', isoCode: 'FR', version: 1 });
    const id = created.country.id;
    const updated = await mutate(
      'updateCountry',
      { id, version: 1, description: 'A country in Europe.' },
      '... on UpdateCountrySuccess { country { description version } }',
      editor,
    );
    expect(updated.country).toEqual({ description: 'A country in Europe.', version: 2 });
    const deleted = await mutate(
      'deleteCountry',
      { id, version: 2 },
      '... on DeleteCountrySuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
    expect((await data('query ($id: ID!) { node(id: $id) { id } }', { id })).node).toBeNull();
    const changes = await data(
      `query ($id: ID!) { changes(entity: $id, first: 10) { edges { node {
        action via actor before after } } } }`,
      { id },
      editor,
    );
    const rows = changes.changes.edges.map((edge: any) => edge.node);
    expect(rows.map((row: any) => [row.action, row.via, row.actor])).toEqual([
      ['CREATE', 'createCountry', 'alice'],
      ['UPDATE', 'updateCountry', 'alice'],
      ['DELETE', 'deleteCountry', 'alice'],
    ]);
    expect(JSON.parse(rows[1].before).description).toBeNull();
    expect(JSON.parse(rows[1].after).description).toBe('A country in Europe.');
  });

  it('rejects an ISO code that is not one, an empty name, a duplicate code', async () => {
    const bad = await rejected('createCountry', { name: 'Nowhere', iso2: 'XX', iso3: 'XXX' });
    expect(bad).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'iso2'], message: 'is not an ISO 3166-1 alpha-2 country code' }],
    });
    const lower = await rejected('createCountry', { name: ' ', iso2: 'fr', iso3: 'FRA' });
    expect(lower.issues.map((issue: any) => issue.path.join('.')).sort()).toEqual([
      'input.iso2',
      'input.name',
    ]);
    const duplicate = await rejected('createCountry', { name: 'China', iso2: 'CN', iso3: 'CHN' });
    expect(duplicate.__typename).toBe('ConflictError');
  });
});

describe('people and roles', () => {
  it('creates a person with a nationality, updates and deletes them', async () => {
    const china = await idOf('countries', 'China');
    const created = await mutate(
      'createPerson',
      { name: 'Li Qiang', description: 'Premier of China.', country: china },
      '... on CreatePersonSuccess { person { id name country { name } version } }',
      editor,
    );
    expect(created.person).toMatchObject({ name: 'Li Qiang', country: { name: 'China' } });
    const id = created.person.id;
    const updated = await mutate(
      'updatePerson',
      { id, version: 1, name: 'Li  Qiang ', country: null },
      '... on UpdatePersonSuccess { person { name country { name } version } }',
      editor,
    );
    expect(updated.person).toEqual({ name: 'Li  Qiang', country: null, version: 2 });
    const role = await mutate(
      'createRole',
      { person: id, title: 'Premier', country: china, start: '2023-03' },
      '... on CreateRoleSuccess { role { id title start { text } version } }',
      editor,
    );
    expect(role.role).toMatchObject({ title: 'Premier', start: { text: '2023-03' } });
    const roleUpdate = await mutate(
      'updateRole',
      { id: role.role.id, version: 1, end: '2028' },
      '... on UpdateRoleSuccess { role { end { text } version } }',
      editor,
    );
    expect(roleUpdate.role).toEqual({ end: { text: '2028' }, version: 2 });
    const roleDelete = await mutate(
      'deleteRole',
      { id: role.role.id, version: 2 },
      '... on DeleteRoleSuccess { deletedId }',
      editor,
    );
    expect(roleDelete.deletedId).toBe(role.role.id);
    const deleted = await mutate(
      'deletePerson',
      { id, version: 2 },
      '... on DeletePersonSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
  });

  it('rejects empty names, unknown IDs, an end before the start, a stale version', async () => {
    const empty = await rejected('createPerson', { name: '   ' });
    expect(empty.issues).toEqual([{ path: ['input', 'name'], message: 'must not be empty' }]);
    const malformed = await rejected('createPerson', { name: 'X', country: 'nonsense' });
    expect(malformed.issues[0].path).toEqual(['input', 'country']);
    const wang = await idOf('people', 'Wang Yi');
    const wrongType = await rejected('createPerson', { name: 'X', country: wang });
    expect(wrongType.__typename).toBe('ValidationError');
    const gone = Buffer.from('Country:99999').toString('base64');
    const unknown = await rejected('createPerson', { name: 'X', country: gone });
    expect(unknown).toMatchObject({ __typename: 'NotFoundError', path: ['input', 'country'] });
    const china = await idOf('countries', 'China');
    const backwards = await rejected('createRole', {
      person: wang,
      title: 'Envoy',
      country: china,
      start: '2025-03',
      end: '2025-02',
    });
    expect(backwards.issues[0].path).toEqual(['input', 'end']);
    const nowhere = await rejected('createRole', { person: wang, title: 'Envoy' });
    expect(nowhere.__typename).toBe('ValidationError');
    const badDate = await rejected('createRole', {
      person: wang,
      title: 'Envoy',
      country: china,
      start: '2025-02-30',
    });
    expect(badDate.issues[0].path).toEqual(['input', 'start']);
    const stale = await rejected('updatePerson', { id: wang, version: 99, name: 'Wang' });
    expect(stale).toMatchObject({ __typename: 'ConflictError', currentVersion: 1 });
    const missing = await rejected('updatePerson', {
      id: Buffer.from('Person:99999').toString('base64'),
      version: 1,
      name: 'Nobody',
    });
    expect(missing.__typename).toBe('NotFoundError');
  });

  it('refuses to delete the speaker of statements', async () => {
    const trump = await idOf('people', 'Donald Trump');
    const refused = await rejected('deletePerson', { id: trump, version: await version(trump) });
    expect(refused.__typename).toBe('ConflictError');
  });
});

describe('organizations and aliases', () => {
  it('creates, updates and deletes an organization; adds and removes an alias', async () => {
    const created = await mutate(
      'createOrganization',
      { name: 'United Nations' },
      '... on CreateOrganizationSuccess { organization { id name } }',
      editor,
    );
    const id = created.organization.id;
    const updated = await mutate(
      'updateOrganization',
      { id, version: 1, description: 'An intergovernmental organization.' },
      '... on UpdateOrganizationSuccess { organization { description version } }',
      editor,
    );
    expect(updated.organization.version).toBe(2);
    const aliased = await mutate(
      'addAlias',
      { entity: id, name: 'UN' },
      '... on AddAliasSuccess { entity { name ... on Organization { aliases } } }',
      editor,
    );
    expect(aliased.entity).toEqual({ name: 'United Nations', aliases: ['UN'] });
    const again = await rejected('addAlias', { entity: id, name: 'un' });
    expect(again.__typename).toBe('ConflictError');
    const removed = await mutate(
      'removeAlias',
      { entity: id, name: 'UN' },
      '... on RemoveAliasSuccess { entity { ... on Organization { aliases } } }',
      editor,
    );
    expect(removed.entity.aliases).toEqual([]);
    const notThere = await rejected('removeAlias', { entity: id, name: 'UN' });
    expect(notThere.__typename).toBe('NotFoundError');
    const deleted = await mutate(
      'deleteOrganization',
      { id, version: 2 },
      '... on DeleteOrganizationSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
  });
});

describe('statements', () => {
  it('creates a statement with subjects, edits it and its subjects, deletes it', async () => {
    const lavrov = await idOf('people', 'Sergei Lavrov');
    const wang = await idOf('people', 'Wang Yi');
    const china = await idOf('countries', 'China');
    const created = await mutate(
      'createStatement',
      {
        speaker: lavrov,
        text: 'Russia values its partnership with China.',
        kind: 'PARAPHRASE',
        date: '2025-04',
        about: [{ subject: china, stance: 'SUPPORTS' }],
      },
      '... on CreateStatementSuccess { statement { id speaker { ... on Person { name } } about { name } date { text } version } }',
      editor,
    );
    expect(created.statement).toMatchObject({
      speaker: { name: 'Sergei Lavrov' },
      about: [{ name: 'China' }],
      date: { text: '2025-04' },
    });
    const id = created.statement.id;
    const added = await mutate(
      'addStatementSubject',
      { statement: id, subject: wang, stance: 'NEUTRAL' },
      '... on AddStatementSubjectSuccess { statement { about { name } } }',
      editor,
    );
    expect(added.statement.about.map((e: any) => e.name)).toEqual(['China', 'Wang Yi']);
    const twice = await rejected('addStatementSubject', { statement: id, subject: wang });
    expect(twice.__typename).toBe('ConflictError');
    const removed = await mutate(
      'removeStatementSubject',
      { statement: id, subject: china },
      '... on RemoveStatementSubjectSuccess { statement { about { name } } }',
      editor,
    );
    expect(removed.statement.about.map((e: any) => e.name)).toEqual(['Wang Yi']);
    const updated = await mutate(
      'updateStatement',
      { id, version: 1, text: 'Russia values its strategic partnership with China.', date: null },
      '... on UpdateStatementSuccess { statement { text date { text } version } }',
      editor,
    );
    expect(updated.statement).toEqual({
      text: 'Russia values its strategic partnership with China.',
      date: null,
      version: 2,
    });
    const deleted = await mutate(
      'deleteStatement',
      { id, version: 2 },
      '... on DeleteStatementSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
  });

  it('rejects a statement without speaker, a country as speaker, bad confidence', async () => {
    const china = await idOf('countries', 'China');
    const lavrov = await idOf('people', 'Sergei Lavrov');
    const noSpeaker = await rejected('createStatement', { speaker: '', text: 'x', kind: 'QUOTE' });
    expect(noSpeaker.issues[0]).toEqual({
      path: ['input', 'speaker'],
      message: 'a statement needs a speaker',
    });
    const country = await rejected('createStatement', { speaker: china, text: 'x', kind: 'QUOTE' });
    expect(country.issues[0].path).toEqual(['input', 'speaker']);
    const confidence = await rejected('createStatement', {
      speaker: lavrov,
      text: 'x',
      kind: 'QUOTE',
      confidence: 1.5,
    });
    expect(confidence.issues[0].path).toEqual(['input', 'confidence']);
    const badSubject = await rejected('createStatement', {
      speaker: lavrov,
      text: 'x',
      kind: 'QUOTE',
      about: [{ subject: Buffer.from('Person:99999').toString('base64') }],
    });
    expect(badSubject).toMatchObject({
      __typename: 'NotFoundError',
      path: ['input', 'about', '0', 'subject'],
    });
  });
});

describe('meetings', () => {
  it('creates a meeting, changes its participants, updates and deletes it', async () => {
    const [wang, lavrov, putin] = (await Promise.all(
      ['Wang Yi', 'Sergei Lavrov', 'Vladimir Putin'].map((name) => idOf('people', name)),
    )) as string[];
    const created = await mutate(
      'createMeeting',
      { kind: 'TALKS', status: 'SCHEDULED', participants: [wang, lavrov], date: '2025-05' },
      '... on CreateMeetingSuccess { meeting { id participants(first: 10) { totalCount edges { node { name } } } } }',
      editor,
    );
    expect(created.meeting.participants.totalCount).toBe(2);
    const id = created.meeting.id;
    const last = await rejected('removeMeetingParticipant', { meeting: id, person: wang });
    expect(last.__typename).toBe('ValidationError');
    const added = await mutate(
      'addMeetingParticipant',
      { meeting: id, person: putin },
      '... on AddMeetingParticipantSuccess { meeting { participants(first: 10) { totalCount edges { node { name } } } } }',
      editor,
    );
    expect(added.meeting.participants.totalCount).toBe(3);
    const removed = await mutate(
      'removeMeetingParticipant',
      { meeting: id, person: wang },
      '... on RemoveMeetingParticipantSuccess { meeting { participants(first: 10) { totalCount edges { node { name } } } } }',
      editor,
    );
    expect(removed.meeting.participants.totalCount).toBe(2);
    const updated = await mutate(
      'updateMeeting',
      { id, version: 1, status: 'HELD', placeName: 'Moscow' },
      '... on UpdateMeetingSuccess { meeting { status placeName version } }',
      editor,
    );
    expect(updated.meeting).toEqual({ status: 'HELD', placeName: 'Moscow', version: 2 });
    const deleted = await mutate(
      'deleteMeeting',
      { id, version: 2 },
      '... on DeleteMeetingSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
  });

  it('rejects a meeting of one and a date that is not one', async () => {
    const wang = await idOf('people', 'Wang Yi');
    const alone = await rejected('createMeeting', {
      kind: 'TALKS',
      status: 'HELD',
      participants: [wang, wang],
    });
    expect(alone.issues[0].path).toEqual(['input', 'participants']);
    const lavrov = await idOf('people', 'Sergei Lavrov');
    const date = await rejected('createMeeting', {
      kind: 'TALKS',
      status: 'HELD',
      participants: [wang, lavrov],
      date: '31/03/2025',
    });
    expect(date.issues[0].path).toEqual(['input', 'date']);
  });
});

describe('concurrent edits', () => {
  it('lets exactly one of two edits from the same version win; the other gets a conflict', async () => {
    const wang = await idOf('people', 'Wang Yi');
    const current = await version(wang);
    const edit = (description: string) =>
      mutate(
        'updatePerson',
        { id: wang, version: current, description },
        '... on UpdatePersonSuccess { person { description } }',
        editor,
      );
    const results = await Promise.all([edit('first'), edit('second'), edit('third')]);
    const kinds = results.map((result) => result.__typename).sort();
    expect(kinds).toEqual(['ConflictError', 'ConflictError', 'UpdatePersonSuccess']);
    const winner = results.find((result) => result.__typename === 'UpdatePersonSuccess');
    expect(await version(wang)).toBe(current + 1);
    const stored = await data(
      'query ($id: ID!) { node(id: $id) { ... on Person { description } } }',
      {
        id: wang,
      },
    );
    expect(stored.node.description).toBe(winner.person.description);
  });
});

describe('sources', () => {
  it('creates, updates and deletes a source; the statements it attested stay', async () => {
    const created = await mutate(
      'createSource',
      {
        title: 'A note',
        text: 'Wang Yi arrived in Moscow.',
        publishedOn: '2025-03',
        language: 'en',
      },
      '... on CreateSourceSuccess { source { id title publishedOn { text } version } }',
      editor,
    );
    expect(created.source).toMatchObject({ title: 'A note', publishedOn: { text: '2025-03' } });
    const id = created.source.id;
    const duplicate = await rejected('createSource', {
      title: 'Same text',
      text: 'Wang Yi arrived in Moscow.',
    });
    expect(duplicate.__typename).toBe('ConflictError');
    const badUrl = await rejected('updateSource', { id, version: 1, url: 'ftp://example.org' });
    expect(badUrl.issues[0].path).toEqual(['input', 'url']);
    const updated = await mutate(
      'updateSource',
      { id, version: 1, publisher: 'Example News', publishedOn: '2025-03-31' },
      '... on UpdateSourceSuccess { source { publisher publishedOn { text } version } }',
      editor,
    );
    expect(updated.source).toEqual({
      publisher: 'Example News',
      publishedOn: { text: '2025-03-31' },
      version: 2,
    });
    const deleted = await mutate(
      'deleteSource',
      { id, version: 2 },
      '... on DeleteSourceSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(id);
  });

  it('deletes the attestations of a deleted source, not its statements', async () => {
    const seed = await data('{ sources(first: 1) { edges { node { id version } } } }');
    const source = seed.sources.edges[0].node;
    const before = await data('{ statements(first: 1) { totalCount } }');
    const deleted = await mutate(
      'deleteSource',
      source,
      '... on DeleteSourceSuccess { deletedId }',
      editor,
    );
    expect(deleted.deletedId).toBe(source.id);
    const after = await data(
      '{ statements(first: 1) { totalCount } sources(first: 1) { totalCount } }',
    );
    expect(after.statements.totalCount).toBe(before.statements.totalCount);
    expect(after.sources.totalCount).toBe(0);
  });
});

describe('the audit trail query', () => {
  it('reports a malformed entity ID as bad input', async () => {
    const result = await execute(
      '{ changes(entity: "not an id", first: 1) { totalCount } }',
      undefined,
      editor,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('entity');
  });

  it('is for editors and admins only: anonymous readers get UNAUTHENTICATED', async () => {
    const query = '{ changes(first: 1) { totalCount edges { node { id actor } } } }';
    const anonymous = await execute(query);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const allowed = await data(query, undefined, editor);
    expect(allowed.changes.totalCount).toBeGreaterThan(0);
    const { id, actor } = allowed.changes.edges[0].node;
    expect(actor).toEqual(expect.any(String));
    for (const read of [
      execute('query ($id: ID!) { node(id: $id) { id } }', { id }),
      execute('query ($id: ID!) { nodes(ids: [$id]) { id } }', { id }),
    ]) {
      const result = await read;
      expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(result.data)).not.toContain(actor);
    }
    const asEditor = await data('query ($id: ID!) { node(id: $id) { id } }', { id }, editor);
    expect(asEditor.node).toEqual({ id });
  });
});
