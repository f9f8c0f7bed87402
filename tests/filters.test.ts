import { describe, expect, it } from 'vitest';
import { data, failure, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const peopleNamed = async (name: string) => {
  const { people } = await data(
    `query ($name: String!) { people(filter: { name: $name }, first: 10) { totalCount edges { node { name } } } }`,
    { name },
  );
  return people.edges.map((e: any) => e.node.name);
};

describe('name filters', () => {
  it.each([
    ['Zelensky', 'Volodymyr Zelenskyy'],
    ['zelenskyy', 'Volodymyr Zelenskyy'],
    ['ZELENSKIY', 'Volodymyr Zelenskyy'],
    ['Zelenský', 'Volodymyr Zelenskyy'],
    ['lavrov', 'Sergei Lavrov'],
    ['Sergey Lavrov', 'Sergei Lavrov'],
    ['Kim Jong-un', 'Kim Jong Un'],
  ])('"%s" finds %s by name or alias, ignoring case and accents', async (query, name) => {
    expect(await peopleNamed(query)).toEqual([name]);
  });

  it('finds countries by alias, including "U.S." and "Beijing"', async () => {
    const country = async (name: string) =>
      (
        await data(
          `query ($name: String!) { countries(filter: { name: $name }, first: 5) { edges { node { isoCode } } } }`,
          {
            name,
          },
        )
      ).countries.edges.map((e: any) => e.node.isoCode);
    expect(await country('U.S.')).toEqual(['US']);
    expect(await country('america')).toEqual(['US']);
    expect(await country('Beijing')).toEqual(['CN']);
    expect(await country('DPRK')).toEqual(['KP']);
  });

  it('matches LIKE wildcards literally', async () => {
    expect(await peopleNamed('Wang%Yi')).toEqual([]);
    expect(await peopleNamed('Wang_Yi')).toEqual([]);
    expect(await peopleNamed('W_ng')).toEqual([]);
    expect(await peopleNamed('Wa%')).toEqual([]);
    expect(await peopleNamed('%')).toEqual([]);
    expect(await peopleNamed('\\')).toEqual([]);
    expect(await peopleNamed('Wang Yi')).toEqual(['Wang Yi']);
  });

  it('rejects an empty name with a typed error naming the argument', async () => {
    const error = await failure('{ people(filter: { name: "  " }, first: 5) { totalCount } }');
    expect(error).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'filter.name: must not be empty',
    });
  });

  it('filters people and organizations by country', async () => {
    const russia = await idOf('countries', 'Russia');
    const { people, organizations } = await data(
      `query ($c: ID!) { people(filter: { country: $c }, first: 10) { edges { node { name } } }
        organizations(filter: { country: $c }, first: 10) { totalCount } }`,
      { c: russia },
    );
    expect(people.edges.map((e: any) => e.node.name).sort()).toEqual([
      'Sergei Lavrov',
      'Unnamed senior Russian security official',
      'Vladimir Putin',
    ]);
    // Russia's foreign ministry, which Lavrov's role names.
    expect(organizations.totalCount).toBe(1);
  });
});

describe('statement filters', () => {
  const count = async (filter: string, variables: Record<string, unknown> = {}) =>
    (
      await data(
        `query ${variables.id ? '($id: ID)' : ''} { statements(filter: ${filter}, first: 100) { totalCount edges { node { text } } } }`,
        variables,
      )
    ).statements;

  it("filters by speaker, subject, kind and the speaker's country", async () => {
    const guo = await idOf('people', 'Guo Jiakun');
    const byGuo = await count('{ speaker: $id }', { id: guo });
    expect(byGuo.totalCount).toBe(3);
    const quotes = await count('{ kind: QUOTE }');
    expect(quotes.edges.every((e: any) => /angry/.test(e.node.text))).toBe(true);
    const chinese = await count('{ speakerCountry: $id }', {
      id: await idOf('countries', 'China'),
    });
    // Guo's three and the ministry's two.
    expect(chinese.totalCount).toBe(byGuo.totalCount + 2);
    const aboutWang = await count('{ subject: $id }', { id: await idOf('people', 'Wang Yi') });
    expect(aboutWang.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('honours date precision: a statement dated 2025-02 matches any range overlapping February', async () => {
    const inFebruary = await count('{ date: { from: "2025-02-10", to: "2025-02-20" } }');
    expect(inFebruary.edges.map((e: any) => e.node.text)).toEqual([
      expect.stringMatching(/troops/),
    ]);
    const fromMarch = await count('{ date: { from: "2025-03-01" } }');
    expect(fromMarch.edges.some((e: any) => /troops/.test(e.node.text))).toBe(false);
    const sunday = await count('{ date: { from: "2025-03-30", to: "2025-03-30" } }');
    expect(sunday.totalCount).toBe(4);
    const all = await count('{}');
    const dated = await count('{ date: { to: "2030-01-01" } }');
    expect(dated.totalCount).toBeLessThan(all.totalCount);
  });

  it('rejects a reversed range, an ID of the wrong type and a malformed date, naming each', async () => {
    expect(
      await failure(
        '{ statements(filter: { date: { from: "2025-03-02", to: "2025-03-01" } }, first: 1) { totalCount } }',
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'filter.date: from is after to',
    });
    const country = await idOf('countries', 'China');
    const wrongType = await failure(
      `query ($id: ID!) { statements(filter: { speaker: $id }, first: 1) { totalCount } }`,
      { id: country },
    );
    expect(wrongType.code).toBe('BAD_USER_INPUT');
    expect(wrongType.message).toMatch(
      /^filter\.speaker: ".+" is not the ID of a Person or Organization$/,
    );
    const badDate = await failure(
      '{ statements(filter: { date: { from: "2025-02-30" } }, first: 1) { totalCount } }',
    );
    expect(badDate.message).toMatch(/YYYY-MM-DD/);
  });
});

describe('meeting and source filters', () => {
  it('filters meetings by participant, country, status and date', async () => {
    const meetings = async (filter: string, variables: Record<string, unknown> = {}) =>
      (
        await data(
          `query ${variables.id ? '($id: ID)' : ''} { meetings(filter: ${filter}, first: 10) { totalCount edges { node { placeName status date { text } } } } }`,
          variables,
        )
      ).meetings;
    const kim = await meetings('{ participant: $id }', { id: await idOf('people', 'Kim Jong Un') });
    expect(kim.edges).toEqual([
      { node: { placeName: 'Pyongyang', status: 'HELD', date: { text: '2025-03-28' } } },
    ]);
    const inRussia = await meetings('{ country: $id }', { id: await idOf('countries', 'Russia') });
    expect(inRussia.edges.map((e: any) => e.node.placeName)).toEqual(['Moscow']);
    expect((await meetings('{ status: SCHEDULED }')).totalCount).toBe(1);
    const march = await meetings('{ date: { from: "2025-03-01", to: "2025-03-31" } }');
    expect(march.edges.map((e: any) => e.node.placeName)).toEqual(['Pyongyang']);
  });

  it('filters sources by publication date', async () => {
    const { hit, miss } = await data(`{
      hit: sources(filter: { publishedOn: { from: "2025-03-31", to: "2025-03-31" } }, first: 5) { totalCount }
      miss: sources(filter: { publishedOn: { from: "2025-04-01" } }, first: 5) { totalCount }
    }`);
    expect([hit.totalCount, miss.totalCount]).toEqual([1, 0]);
  });
});
