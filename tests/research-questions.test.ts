// Linked research questions: timelines, counts for charts, co-occurrence, roles at the time.
import { describe, expect, it } from 'vitest';
import { db } from '../src/db/client.js';
import { data, execute, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const timelineSelection = `timeline(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { relation node {
    __typename
    ... on Statement { text date { text } }
    ... on Meeting { topic placeName date { text } }
  } }
}`;

const timeline = async (id: string | undefined, first = 20, after?: string) =>
  (
    await data(
      `query ($id: ID!, $first: Int, $after: String) { node(id: $id) {
        ... on Person { ${timelineSelection} }
        ... on Country { ${timelineSelection} }
        ... on Organization { ${timelineSelection} }
      } }`,
      { id, first, after },
    )
  ).node.timeline;

describe('timeline', () => {
  it("lists a person's statements and meetings in date order, undated last", async () => {
    const trump = await timeline(await idOf('people', 'Trump'));
    expect(trump.totalCount).toBe(6);
    expect(
      trump.edges.map((e: any) => [e.relation, e.node.__typename, e.node.date?.text ?? null]),
    ).toEqual([
      ['SAID', 'Statement', '2025-03-30'],
      ['SAID', 'Statement', '2025-03-30'],
      ['SAID', 'Statement', '2025-03-30'],
      ['SAID', 'Statement', '2025-03-30'],
      ['TOOK_PART', 'Meeting', null],
      ['TOOK_PART', 'Meeting', null],
    ]);
  });

  it('merges what was said about a country with the meetings it hosted', async () => {
    const russia = await timeline(await idOf('countries', 'Russia'));
    expect(russia.totalCount).toBe(7);
    expect(russia.edges.map((e: any) => [e.relation, e.node.date?.text ?? null])).toEqual([
      ['MENTIONED', '2025-02'],
      ['MENTIONED', '2025-03-28'],
      ['MENTIONED', '2025-03-30'],
      ['HOSTED', '2025-04-01'],
      ['MENTIONED', null],
      ['MENTIONED', null],
      ['MENTIONED', null],
    ]);
    expect(russia.edges[3].node.placeName).toBe('Moscow');
  });

  it('pages without gaps or repeats', async () => {
    const id = await idOf('countries', 'Russia');
    const all = await timeline(id);
    const seen: unknown[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await timeline(id, 3, after);
      seen.push(...page.edges);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges);
  });

  it('rejects a cursor it did not make', async () => {
    const id = await idOf('people', 'Trump');
    const error = await failure(
      'query ($id: ID!) { node(id: $id) { ... on Person { timeline(first: 5, after: "x") { totalCount } } } }',
      { id },
    );
    expect(error.code).toBe('BAD_USER_INPUT');
  });
});

const counts = async (groupBy: string, filter?: unknown) =>
  (
    await data(
      `query ($groupBy: StatementCountGroup!, $filter: StatementFilter) {
        statementCounts(groupBy: $groupBy, filter: $filter) { key label count entity { __typename name } }
      }`,
      { groupBy, filter },
    )
  ).statementCounts.map((c: any) => [c.label, c.count]);

describe('statement counts', () => {
  it('groups by speaker, speaker country, subject and month', async () => {
    expect(await counts('SPEAKER')).toEqual([
      ['Donald Trump', 4],
      ['Guo Jiakun', 3],
      ["Ministry of Foreign Affairs of the People's Republic of China", 2],
      ['Kim Jong Un', 1],
      ['South Korean intelligence', 1],
      ['Vladimir Putin', 1],
    ]);
    expect(await counts('SPEAKER_COUNTRY')).toEqual([
      ['China', 5],
      ['United States', 4],
      ['North Korea', 1],
      ['Russia', 1],
      ['South Korea', 1],
    ]);
    expect((await counts('SUBJECT')).slice(0, 2)).toEqual([
      ['Russia', 6],
      ['Ukraine', 5],
    ]);
    expect(await counts('MONTH')).toEqual([
      ['2025-02', 1],
      ['2025-03', 5],
      ['undated', 6],
    ]);
  });

  it('takes the statement filter', async () => {
    const ukraine = await idOf('countries', 'Ukraine');
    expect(await counts('SPEAKER', { subject: ukraine })).toEqual([
      ['Guo Jiakun', 2],
      ['Donald Trump', 1],
      ['Kim Jong Un', 1],
      ['South Korean intelligence', 1],
    ]);
  });
});

describe('co-occurrence', () => {
  it('ranks the entities spoken about together with one', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Country { mentionedWith(first: 3) { count entity { __typename name } } } } }`,
      { id: await idOf('countries', 'Russia') },
    );
    expect(node.mentionedWith).toEqual([
      { count: 3, entity: { __typename: 'Country', name: 'Ukraine' } },
      { count: 2, entity: { __typename: 'Country', name: 'China' } },
      { count: 1, entity: { __typename: 'Country', name: 'North Korea' } },
    ]);
  });
});

describe('roles at the time', () => {
  const rolesOf = async (speaker: string) => {
    const { statements } = await data(
      `query ($id: ID) { statements(filter: { speaker: $id }, first: 1) { edges { node { speakerRoles { title country { name } } } } } }`,
      { id: await idOf('people', speaker) },
    );
    return statements.edges[0].node.speakerRoles;
  };

  it('gives the roles held on the statement date, not earlier ones', async () => {
    expect(await rolesOf('Trump')).toEqual([
      { title: 'President', country: { name: 'United States' } },
    ]);
    const trump = await db().person.findFirstOrThrow({ where: { name: 'Donald Trump' } });
    const earlier = await db().role.create({
      data: {
        personId: trump.id,
        title: 'President (first term)',
        startDate: new Date('2017-01-20'),
        startPrecision: 'DAY',
        endDate: new Date('2021-01-20'),
        endPrecision: 'DAY',
      },
    });
    try {
      expect((await rolesOf('Trump')).map((r: any) => r.title)).toEqual(['President']);
    } finally {
      await db().role.delete({ where: { id: earlier.id } });
    }
    expect(await rolesOf('Guo Jiakun')).toEqual([
      { title: 'Spokesperson', country: { name: 'China' } },
    ]);
  });

  it('loads roles for a whole page with a bounded number of SQL statements', async () => {
    const query = `query ($first: Int!) { statements(first: $first) { edges { node { speakerRoles { title } } } } }`;
    const small = await execute(query, { first: 1 });
    const large = await execute(query, { first: 50 });
    expect(large.errors).toBeUndefined();
    expect(large.sql.length).toBe(small.sql.length);
  });
});

describe('timelines of a whole page', () => {
  it('cost a bounded number of SQL statements for 3 or 50 entities', async () => {
    const query = `query ($first: Int!) { people(first: $first) { edges { node { name
      timeline(first: 5) { totalCount edges { relation node {
        ... on Statement { text speaker { ... on Person { name } } }
        ... on Meeting { participants(first: 3) { edges { node { name } } } }
      } } }
    } } } }`;
    const small = await execute(query, { first: 3 });
    const large = await execute(query, { first: 50 });
    expect(large.errors).toBeUndefined();
    // Batches gather the calls of one event-loop turn; on a busy machine a page's items can
    // straddle two turns (seen on PostgreSQL under the full suite: one extra batch), never 50.
    expect(large.sql.length).toBeLessThanOrEqual(small.sql.length + 6);
    const trump = large.data.people.edges.find((e: any) => e.node.name === 'Donald Trump');
    expect(trump.node.timeline.totalCount).toBe(6);
    expect(trump.node.timeline.edges).toHaveLength(5);
  });
});

describe('co-occurrence on a whole page', () => {
  it('costs a bounded number of SQL statements for 1 or 50 entities, with the same answers', async () => {
    const query = `query ($first: Int!) { countries(first: $first) { edges { node { name
      mentionedWith(first: 2) { count entity { name } }
    } } } }`;
    const small = await execute(query, { first: 1 });
    const large = await execute(query, { first: 50 });
    expect(large.errors).toBeUndefined();
    // At most one extra batch (three statements), as for timelines above.
    expect(large.sql.length).toBeLessThanOrEqual(small.sql.length + 3);
    const russia = large.data.countries.edges.find((e: any) => e.node.name === 'Russia');
    expect(russia.node.mentionedWith).toEqual([
      { count: 3, entity: { name: 'Ukraine' } },
      { count: 2, entity: { name: 'China' } },
    ]);
  });
});

describe('statements by the role held at the time', () => {
  const byRole = async (speakerRole: unknown, filter?: unknown) =>
    (
      await data(
        `query ($role: SpeakerRoleFilter, $filter: StatementFilter) {
          statements(speakerRole: $role, filter: $filter, first: 50) { totalCount edges { node { text } } }
        }`,
        { role: speakerRole, filter },
      )
    ).statements;

  it('finds what sitting presidents said, and what heads of state said about Ukraine', async () => {
    expect((await byRole({ titles: ['President'] })).totalCount).toBe(5);
    const aboutUkraine = await byRole(
      { titles: ['President', 'Leader'] },
      { subject: await idOf('countries', 'Ukraine') },
    );
    expect(aboutUkraine.edges.map((e: any) => e.node.text)).toEqual([
      expect.stringMatching(/^Kim Jong Un reiterated/),
      expect.stringMatching(/^Trump asserted/),
    ]);
    const china = await idOf('countries', 'China');
    expect((await byRole({ country: china })).totalCount).toBe(3);
  });

  it('finds nothing for a role nobody held (not every statement)', async () => {
    const none = await byRole({ titles: ['zzz'] });
    expect(none).toEqual({ totalCount: 0, edges: [] });
  });

  it('does not count a role that ended before the statement', async () => {
    const guo = await db().person.findFirstOrThrow({ where: { name: 'Guo Jiakun' } });
    const trump = await db().person.findFirstOrThrow({ where: { name: 'Donald Trump' } });
    const roles = await Promise.all([
      db().role.create({
        data: {
          personId: trump.id,
          title: 'Businessman',
          countryId: null,
          organizationId: null,
          startDate: new Date('2000-01-01'),
          startPrecision: 'YEAR',
          endDate: new Date('2016-01-01'),
          endPrecision: 'YEAR',
        },
      }),
      db().role.create({
        data: {
          personId: guo.id,
          title: 'Businessman',
          startDate: new Date('2025-03-01'),
          startPrecision: 'MONTH',
        },
      }),
    ]);
    try {
      // Trump's role ended in 2016; Guo's statements are undated and his role has no end.
      const result = await byRole({ titles: ['Businessman'] });
      expect(result.totalCount).toBe(3);
      expect(result.edges.every((e: any) => e.node.text.startsWith('Guo Jiakun'))).toBe(true);
    } finally {
      await db().role.deleteMany({ where: { id: { in: roles.map((r) => r.id) } } });
    }
  });

  it('needs at least one condition', async () => {
    const error = await failure('{ statements(speakerRole: {}, first: 1) { totalCount } }');
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
