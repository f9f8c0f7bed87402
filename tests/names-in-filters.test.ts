// Entities referenced by name wherever a filter references one: exact names and aliases win,
// accents and case are ignored, an ambiguous name is a typed error listing the candidates, an
// unknown name matches nothing.
import { describe, expect, it } from 'vitest';
import { data, execute, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const statementTexts = async (filter: unknown) => {
  const { statements } = await data(
    `query ($filter: StatementFilter) {
      statements(filter: $filter, first: 100) { totalCount edges { node { text } } }
    }`,
    { filter },
  );
  return (statements.edges as { node: { text: string } }[]).map((e) => e.node.text).sort();
};

describe('names in filters', () => {
  it('gives the same statements for a name, an alias, an accented spelling and the ID', async () => {
    const byId = await statementTexts({ speaker: { id: await idOf('people', 'Trump') } });
    expect(byId).toHaveLength(4);
    for (const name of ['Donald Trump', 'trump', 'Donald J. Trump', 'DÓNALD TRUMP']) {
      expect(await statementTexts({ speaker: { name } })).toEqual(byId);
    }
    const zelensky = await statementTexts({ subject: { name: 'Zelenský' } });
    expect(zelensky).toEqual(
      await statementTexts({ subject: { id: await idOf('people', 'Zelenskyy') } }),
    );
    // Trump's two remarks, his anger at Putin's questioning, and Putin's reported remark itself.
    expect(zelensky).toHaveLength(4);
  });

  it('matches a name among the kinds the field accepts: an exact name beats a partial one', async () => {
    // "Russia" is a country (exact), though a person's name contains it.
    expect(await statementTexts({ subject: { name: 'Russia' } })).toHaveLength(6);
    // "Foreign Ministry" is an alias of the Chinese ministry, a speaker.
    expect(await statementTexts({ speaker: { name: 'foreign ministry' } })).toHaveLength(2);
    const { meetings } = await data(
      `{ meetings(filter: { participant: { name: "Russian security official" } }, first: 5) {
        edges { node { placeName } } } }`,
    );
    expect(meetings.edges).toEqual([{ node: { placeName: 'Pyongyang' } }]);
  });

  it('takes names inside AND / OR / NOT, any-of and all-of lists, and stances', async () => {
    const either = await statementTexts({
      OR: [{ speaker: { name: 'Guo Jiakun' } }, { speaker: { name: 'Kim Jong Un' } }],
    });
    expect(either).toHaveLength(4);
    const notChinese = await statementTexts({
      AND: [{ subject: { name: 'Ukraine' } }, { NOT: { speakerCountry: { name: 'China' } } }],
    });
    expect(notChinese.every((text) => !text.startsWith('Guo'))).toBe(true);
    expect(notChinese.length).toBeGreaterThan(0);
    expect(
      await statementTexts({ subjectsAllOf: [{ name: 'Putin' }, { name: 'Zelensky' }] }),
    ).toHaveLength(3);
    const criticising = await statementTexts({
      stance: { toward: { name: 'Putin' }, is: ['CRITICIZES'] },
    });
    expect(criticising).toHaveLength(2);
  });

  it('refuses an ambiguous name with a typed error listing each candidate with its ID', async () => {
    const result = await execute(
      '{ statements(filter: { OR: [{ kind: QUOTE }, { subject: { name: "korea" } }] }, first: 5) { totalCount } }',
    );
    expect(result.data?.statements ?? null).toBeNull();
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('AMBIGUOUS_NAME');
    expect(error?.extensions?.argument).toBe('filter.OR[1].subject.name');
    expect(error?.message).toMatch(/North Korea .*South Korea/);
    const candidates = error?.extensions?.candidates as { id: string; name: string }[];
    expect(candidates.map((c) => c.name).sort()).toEqual([
      'North Korea',
      'South Korea',
      'South Korean intelligence',
    ]);
    expect(candidates.find((c) => c.name === 'North Korea')?.id).toBe(
      await idOf('countries', 'North Korea'),
    );
  });

  it('matches nothing for an unknown name, so NOT of it matches everything', async () => {
    expect(await statementTexts({ speaker: { name: 'Nobody Atall' } })).toEqual([]);
    const all = await statementTexts(null);
    expect(await statementTexts({ NOT: { subject: { name: 'Nobody Atall' } } })).toEqual(all);
    const { path } = await data(
      '{ path(from: { name: "Nobody Atall" }, to: { name: "Putin" }) { length } }',
    );
    expect(path).toBeNull();
  });

  it('refuses a reference with both or neither of id and name, and an empty name', async () => {
    const both = await execute(
      '{ statements(filter: { speaker: { id: "UGVyc29uOjE=", name: "Wang Yi" } }, first: 1) { totalCount } }',
    );
    expect(both.errors?.[0]?.message).toMatch(/exactly one key/i);
    expect(both.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const neither = await execute(
      'query ($f: StatementFilter) { statements(filter: $f, first: 1) { totalCount } }',
      { f: { speaker: {} } },
    );
    expect(neither.errors?.[0]?.message).toMatch(/exactly one key/i);
    const empty = await execute(
      '{ statements(filter: { speaker: { name: " " } }, first: 1) { totalCount } }',
    );
    expect(empty.errors?.[0]).toMatchObject({
      message: 'filter.speaker.name: must not be empty',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('takes names in the linked connections, the people and role filters and paths', async () => {
    const { people } = await data(
      `{ people(filter: { name: "Trump" }, first: 1) { edges { node {
        statements(filter: { subject: { name: "Putin" } }, first: 10) { totalCount } } } } }`,
    );
    expect(people.edges[0].node.statements.totalCount).toBe(3);
    const rest = await data(
      `{ russians: people(filter: { country: { name: "Russian Federation" } }, first: 10) { totalCount }
        presidents: statements(speakerRole: { country: { name: "USA" } }, first: 10) { totalCount }
        path(from: { name: "Kim Jong Un" }, to: { name: "Wang Yi" }) { length } }`,
    );
    expect(rest).toEqual({
      russians: { totalCount: 3 },
      presidents: { totalCount: 4 },
      path: { length: 3 },
    });
  });

  it('looks a name up once per request, wherever it is used', async () => {
    const lookups = (sql: string[]) => sql.filter((q) => /\bAlias\b/.test(q)).length;
    const once = await execute(
      '{ statements(filter: { speaker: { name: "Trump" } }, first: 1) { totalCount } }',
    );
    const twice = await execute(
      `{ a: statements(filter: { speaker: { name: "Trump" } }, first: 1) { totalCount }
         b: statements(filter: { subject: { name: "trump" } }, first: 1) { totalCount } }`,
    );
    expect(twice.errors).toBeUndefined();
    expect(lookups(once.sql)).toBeGreaterThan(0);
    expect(lookups(twice.sql)).toBe(lookups(once.sql));
  });
});
