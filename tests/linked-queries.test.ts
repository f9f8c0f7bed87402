// Every linked field, on the seed knowledge of the first article.
import { describe, expect, it } from 'vitest';
import { data, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const names = (connection: { edges: { node: { name: string } }[] }) =>
  connection.edges.map((edge) => edge.node.name);

describe('a person', () => {
  it('has a nationality, aliases, roles with dates, and external IDs only where certain', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Person {
        name description aliases country { name isoCode } externalIds { scheme value }
        roles(first: 5) { totalCount edges { node { title country { name } start { date precision text } end { text } } } }
      } } }`,
      { id: await idOf('people', 'Donald Trump') },
    );
    expect(node.name).toBe('Donald Trump');
    expect(node.aliases).toContain('Trump');
    expect(node.country).toEqual({ name: 'United States', isoCode: 'US' });
    expect(node.externalIds).toEqual([]);
    expect(node.roles.totalCount).toBe(node.roles.edges.length);
    const president = node.roles.edges.find((e: any) => e.node.title === 'President').node;
    expect(president.country.name).toBe('United States');
    expect(president.start).toEqual({ date: '2025-01-20', precision: 'DAY', text: '2025-01-20' });
    expect(president.end).toBeNull();
  });

  it('lists the meetings it took part in and the people it met', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Person {
        meetings(first: 5) { totalCount edges { node {
          kind status placeName country { name } date { date precision }
          participants(first: 5) { totalCount edges { node { name } } }
        } } }
        metWith(first: 5) { totalCount edges { meetingCount lastMetOn node { name } } }
      } } }`,
      { id: await idOf('people', 'Wang Yi') },
    );
    expect(node.meetings.totalCount).toBe(1);
    const talks = node.meetings.edges[0].node;
    expect(talks).toMatchObject({
      kind: 'TALKS',
      status: 'SCHEDULED',
      placeName: 'Moscow',
      country: { name: 'Russia' },
      date: { date: '2025-04-01', precision: 'DAY' },
    });
    expect(names(talks.participants).sort()).toEqual(['Sergei Lavrov', 'Wang Yi']);
    expect(node.metWith).toEqual({
      totalCount: 1,
      edges: [{ meetingCount: 1, lastMetOn: '2025-04-01', node: { name: 'Sergei Lavrov' } }],
    });
  });

  it('keeps separate meetings apart: Trump met Putin and Zelenskyy, they did not meet', async () => {
    const query = `query ($id: ID!) { node(id: $id) { ... on Person { metWith(first: 10) { edges { node { name } } } } } }`;
    const trump = await data(query, { id: await idOf('people', 'Donald Trump') });
    expect(names(trump.node.metWith).sort()).toEqual(['Vladimir Putin', 'Volodymyr Zelenskyy']);
    const putin = await data(query, { id: await idOf('people', 'Vladimir Putin') });
    expect(names(putin.node.metWith)).toEqual(['Donald Trump']);
  });

  it('includes an unnamed official, described as such', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Person { name description country { name } metWith(first: 2) { edges { node { name } } } } } }`,
      { id: await idOf('people', 'senior Russian security official') },
    );
    expect(node.description).toMatch(/not named/);
    expect(node.country.name).toBe('Russia');
    expect(names(node.metWith)).toEqual(['Kim Jong Un']);
  });
});

describe('who said what about whom', () => {
  it('answers "what did Trump say about Putin" in one query, with stance and evidence', async () => {
    const trump = await idOf('people', 'Trump');
    const putin = await idOf('people', 'Putin');
    const { statements } = await data(
      `query ($speaker: ID!, $subject: ID!) {
        statements(filter: { speaker: $speaker, subject: $subject }, first: 20) {
          totalCount
          edges { node {
            text kind date { text }
            speaker { __typename ... on Person { name } }
            subjects(first: 5) { edges { node { stance entity { __typename name } } } }
            attestations(first: 3) { edges { node { excerpt startOffset endOffset source { text } } } }
          } }
        } }`,
      { speaker: trump, subject: putin },
    );
    expect(statements.totalCount).toBeGreaterThanOrEqual(2);
    for (const { node } of statements.edges) {
      expect(node.speaker).toEqual({ __typename: 'Person', name: 'Donald Trump' });
      expect(node.date.text).toBe('2025-03-30');
      const putinLink = node.subjects.edges.find(
        (e: any) => e.node.entity.name === 'Vladimir Putin',
      );
      expect(putinLink).toBeDefined();
      for (const { node: attestation } of node.attestations.edges) {
        expect(attestation.source.text.slice(attestation.startOffset, attestation.endOffset)).toBe(
          attestation.excerpt,
        );
      }
    }
    const stances = statements.edges.flatMap((e: any) =>
      e.node.subjects.edges
        .filter((s: any) => s.node.entity.name === 'Vladimir Putin')
        .map((s: any) => s.node.stance),
    );
    expect(stances).toContain('CRITICIZES');
    const quote = statements.edges.find((e: any) => e.node.kind === 'QUOTE');
    expect(quote.node.text).toMatch(/angry/);
  });

  it('answers the reverse direction: statements about a country, with who said them', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Country {
        statementsAbout(first: 50) { totalCount edges { stance node {
          speaker { __typename ... on Person { name } ... on Organization { name } }
          about { __typename name ... on Country { isoCode } ... on Person { country { name } } }
        } } }
      } } }`,
      { id: await idOf('countries', 'Russia') },
    );
    const speakers = node.statementsAbout.edges.map((e: any) => e.node.speaker.name);
    expect(speakers).toEqual(
      expect.arrayContaining(['Kim Jong Un', 'Guo Jiakun', 'South Korean intelligence']),
    );
    expect(node.statementsAbout.totalCount).toBe(node.statementsAbout.edges.length);
    for (const edge of node.statementsAbout.edges) {
      expect(edge.node.about).toContainEqual({
        __typename: 'Country',
        name: 'Russia',
        isoCode: 'RU',
      });
    }
    const kim = node.statementsAbout.edges.find((e: any) => e.node.speaker.name === 'Kim Jong Un');
    expect(kim.stance).toBe('SUPPORTS');
  });

  it('gives organizations as speakers, with month-precision dates', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Organization {
        name country { name }
        statements(first: 5) { totalCount edges { node { kind text date { date precision text lastDate } about { name } } } }
      } } }`,
      { id: await idOf('organizations', 'South Korean intelligence') },
    );
    expect(node.country.name).toBe('South Korea');
    expect(node.statements.totalCount).toBe(1);
    const report = node.statements.edges[0].node;
    expect(report.kind).toBe('REPORT');
    expect(report.text).toMatch(/troops/);
    expect(report.date).toEqual({
      date: '2025-02-01',
      precision: 'MONTH',
      text: '2025-02',
      lastDate: '2025-02-28',
    });
    expect(report.about.map((e: any) => e.name)).toEqual(
      expect.arrayContaining(['North Korea', 'Russia']),
    );
  });

  it('exposes the three kinds of time on a statement', async () => {
    const { statements } = await data(
      `{ statements(first: 50) { edges { node { date { text } reportedOn { text } recordedAt confidence verification } } } }`,
    );
    for (const { node } of statements.edges) {
      expect(node.reportedOn.text).toBe('2025-03-31');
      expect(Date.now() - Date.parse(node.recordedAt)).toBeLessThan(60 * 60 * 1000);
      expect(node.confidence).toBeGreaterThan(0);
      expect(node.confidence).toBeLessThanOrEqual(1);
      expect(['VERIFIED', 'EXTRACTED']).toContain(node.verification);
    }
    const dates = statements.edges.map((e: any) => e.node.date?.text ?? null);
    expect(dates).toContain('2025-03-28');
    expect(dates).toContain(null);
  });
});

describe('a country', () => {
  it('has codes, aliases, Wikidata IDs, its people, organizations and the meetings held there', async () => {
    const { countries } = await data(
      `{ countries(filter: { isoCode: "CHN" }, first: 1) { edges { node {
        name isoCode isoCode3 aliases externalIds { scheme value url }
        people(first: 10) { totalCount edges { node { name } } }
        organizations(first: 10) { edges { node { name } } }
        roles(first: 10) { edges { node { title person { name } } } }
      } } } }`,
    );
    const china = countries.edges[0].node;
    expect(china).toMatchObject({ name: 'China', isoCode: 'CN', isoCode3: 'CHN' });
    expect(china.aliases).toContain('Beijing');
    expect(china.externalIds).toEqual([
      { scheme: 'wikidata', value: 'Q148', url: 'https://www.wikidata.org/wiki/Q148' },
    ]);
    expect(names(china.people)).toEqual(expect.arrayContaining(['Wang Yi', 'Guo Jiakun']));
    expect(china.people.totalCount).toBe(china.people.edges.length);
    expect(names(china.organizations)).toContain(
      "Ministry of Foreign Affairs of the People's Republic of China",
    );
    expect(china.roles.edges.map((e: any) => `${e.node.person.name}: ${e.node.title}`)).toContain(
      'Wang Yi: Foreign Minister',
    );

    const { node: northKorea } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Country { meetings(first: 5) { edges { node { placeName date { text } } } } } } }`,
      { id: await idOf('countries', 'North Korea') },
    );
    expect(northKorea.meetings.edges).toEqual([
      { node: { placeName: 'Pyongyang', date: { text: '2025-03-28' } } },
    ]);
  });

  it('knows the Wikidata IDs of the six countries', async () => {
    const { countries } = await data(
      `{ countries(first: 50) { edges { node { isoCode externalIds { value } } } } }`,
    );
    const qids = Object.fromEntries(
      countries.edges.map((e: any) => [
        e.node.isoCode,
        e.node.externalIds.map((x: any) => x.value),
      ]),
    );
    expect(qids).toMatchObject({
      CN: ['Q148'],
      RU: ['Q159'],
      UA: ['Q212'],
      US: ['Q30'],
      KP: ['Q423'],
      KR: ['Q884'],
    });
  });
});

describe('an organization', () => {
  it('has a country, aliases, the roles held in it and its statements', async () => {
    const { node } = await data(
      `query ($id: ID!) { node(id: $id) { ... on Organization {
        name aliases country { isoCode }
        roles(first: 5) { edges { node { title person { name } } } }
        statements(first: 10) { totalCount edges { node { text speaker { ... on Organization { name } } } } }
      } } }`,
      { id: await idOf('organizations', "China's Foreign Ministry") },
    );
    expect(node.country.isoCode).toBe('CN');
    expect(node.aliases).toContain("China's Foreign Ministry");
    expect(node.roles.edges.map((e: any) => e.node.person.name)).toContain('Guo Jiakun');
    expect(node.statements.totalCount).toBeGreaterThanOrEqual(1);
    for (const { node: statement } of node.statements.edges) {
      expect(statement.speaker.name).toBe(node.name);
    }
  });
});

describe('a source', () => {
  it('keeps the full text and date, and lists what it attests with exact offsets', async () => {
    const { sources, statements, meetings } = await data(
      `{ sources(first: 5) { totalCount edges { node {
          title publisher url language contentHash text publishedOn { date precision }
          attestations(first: 100) { totalCount edges { node { excerpt startOffset endOffset statement { id } meeting { id } } } }
        } } }
        statements(first: 1) { totalCount } meetings(first: 1) { totalCount } }`,
    );
    expect(sources.totalCount).toBe(1);
    const source = sources.edges[0].node;
    expect(source.publishedOn).toEqual({ date: '2025-03-31', precision: 'DAY' });
    expect(source.text).toMatch(/^Chinese Foreign Minister Wang Yi arrived in Moscow/);
    expect(source.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(source.attestations.totalCount).toBe(statements.totalCount + meetings.totalCount);
    let previous = -1;
    for (const { node } of source.attestations.edges) {
      expect(source.text.slice(node.startOffset, node.endOffset)).toBe(node.excerpt);
      expect(Boolean(node.statement) !== Boolean(node.meeting)).toBe(true);
      expect(node.startOffset).toBeGreaterThanOrEqual(previous);
      previous = node.startOffset;
    }
  });
});
