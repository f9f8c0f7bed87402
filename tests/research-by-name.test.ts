// The README's research questions and the issue's, each one request naming entities by name only
// (no ID known beforehand), on both databases.
import { describe, expect, it } from 'vitest';
import { data } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const texts = (connection: { edges: { node: { text: string } }[] }) =>
  connection.edges.map((e) => e.node.text);

describe('research questions by name, one request each', () => {
  it('who criticised Putin, or spoke about Ukraine without being Chinese?', async () => {
    const { statements } = await data(`{
      statements(filter: { OR: [
        { stance: { toward: { name: "Putin" }, is: [CRITICIZES] } },
        { AND: [{ subject: { name: "Ukraine" } }, { NOT: { speakerCountry: { name: "China" } } }] }
      ] }, orderBy: DATE_DESC, first: 10) { totalCount edges { node { text date { text } } } } }`);
    expect(statements.totalCount).toBe(5);
    expect(texts(statements).at(-1)).toMatch(/^North Korea had likely dispatched/);
  });

  it('what did Trump say about Putin?', async () => {
    const { statements } = await data(`{
      statements(filter: { speaker: { name: "Trump" }, subject: { name: "Putin" } }, first: 5) {
        totalCount edges { node { text subjects { edges { node { stance entity { name } } } } } } } }`);
    expect(statements.totalCount).toBe(3);
    const stances = statements.edges.map(
      (e: any) =>
        e.node.subjects.edges.find((s: any) => s.node.entity.name === 'Vladimir Putin').node.stance,
    );
    expect(stances.sort()).toEqual(['CRITICIZES', 'CRITICIZES', null]);
  });

  it('which meetings did Trump and Putin both take part in, and which involved a Russian?', async () => {
    const result = await data(`{
      both: meetings(filter: { participantsAllOf: [{ name: "Trump" }, { name: "Putin" }] }) {
        edges { node { kind } } }
      russian: meetings(filter: { participantNationality: { name: "Russia" } }) { totalCount } }`);
    expect(result.both.edges).toEqual([{ node: { kind: 'DISCUSSION' } }]);
    expect(result.russian.totalCount).toBe(3);
  });

  it("Russia's timeline and what is mentioned with it", async () => {
    const { countries } = await data(`{
      countries(filter: { name: "Russia" }, first: 1) { edges { node {
        timeline(first: 4) { totalCount edges { relation } }
        mentionedWith(first: 3) { count entity { name } } } } } }`);
    const russia = countries.edges[0].node;
    expect(russia.timeline.totalCount).toBe(7);
    expect(russia.mentionedWith[0]).toEqual({ count: 3, entity: { name: 'Ukraine' } });
  });

  it("the speaker's role at the time, and what heads of state said about Ukraine", async () => {
    const result = await data(`{
      trump: statements(filter: { speaker: { name: "Trump" } }, first: 1) {
        edges { node { speakerRoles { title country { name } } } } }
      heads: statements(speakerRole: { titles: ["President", "Leader"] },
        filter: { subject: { name: "Ukraine" } }, first: 5) { edges { node { text } } } }`);
    expect(result.trump.edges[0].node.speakerRoles).toEqual([
      { title: 'President', country: { name: 'United States' } },
    ]);
    expect(texts(result.heads)).toEqual([
      expect.stringMatching(/^Kim Jong Un reiterated/),
      expect.stringMatching(/^Trump asserted/),
    ]);
  });

  it('the shortest path from Kim Jong Un to Wang Yi', async () => {
    const { path } = await data(`{
      path(from: { name: "Kim Jong Un" }, to: { name: "Wang Yi" }) { length steps { to { name } } } }`);
    expect(path.length).toBe(3);
    expect(path.steps.at(-1).to.name).toBe('Wang Yi');
  });

  it('statements per speaker per month, for a chart', async () => {
    const { statementCounts } = await data(
      '{ statementCounts(groupBy: SPEAKER, thenBy: MONTH) { count groups { label } } }',
    );
    const total = statementCounts.reduce((sum: number, c: any) => sum + c.count, 0);
    const { statements } = await data('{ statements { totalCount } }');
    expect(total).toBe(statements.totalCount);
    expect(statementCounts[0]).toEqual({
      count: 4,
      groups: [{ label: 'Donald Trump' }, { label: '2025-03' }],
    });
  });

  it('statements mentioning dialogue by Chinese officials in March 2025', async () => {
    const { statements } = await data(`{
      statements(filter: { text: "dialogue", speakerCountry: { name: "China" },
        OR: [{ date: { from: "2025-03-01", to: "2025-03-31" } },
             { reportedIn: { from: "2025-03-01", to: "2025-03-31" } }] }) {
        edges { node { text speaker { ... on Person { name } } } } } }`);
    expect(statements.edges).toEqual([
      {
        node: {
          text: expect.stringMatching(/dialogue and negotiation/),
          speaker: { name: 'Guo Jiakun' },
        },
      },
    ]);
  });
});
