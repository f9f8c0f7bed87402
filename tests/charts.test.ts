// Counts grouped by one or two dimensions in one call, checked against the rows they count.
import { describe, expect, it } from 'vitest';
import { data, failure } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

type Group = { key: string; label: string };
type Count = { count: number; groups: Group[] };

const tally = (pairs: string[][]) => {
  const counts = new Map<string, number>();
  for (const pair of pairs) counts.set(pair.join(' / '), (counts.get(pair.join(' / ')) ?? 0) + 1);
  return Object.fromEntries(counts);
};
const asTally = (counts: Count[]) =>
  Object.fromEntries(counts.map((c) => [c.groups.map((g) => g.label).join(' / '), c.count]));

describe('statement counts by two dimensions', () => {
  it('answers "statements per speaker per month" in one call, as the statements say', async () => {
    const { statementCounts, statements } = await data(
      `{ statementCounts(groupBy: SPEAKER, thenBy: MONTH, first: 100) {
          key label count groups { key label entity { name } } }
        statements(first: 100) { edges { node { date { text }
          speaker { ... on Person { name } ... on Organization { name } } } } } }`,
    );
    const expected = tally(
      statements.edges.map((e: any) => [
        e.node.speaker.name,
        e.node.date?.text.slice(0, 7) ?? 'undated',
      ]),
    );
    expect(asTally(statementCounts)).toEqual(expected);
    // Speakers with most statements first; within a speaker, months in calendar order.
    const trump = statementCounts.filter((c: any) => c.label === 'Donald Trump');
    expect(trump.map((c: any) => [c.groups[1].label, c.count])).toEqual([['2025-03', 4]]);
    expect(statementCounts[0].label).toBe('Donald Trump');
    expect(statementCounts[0].groups[0].entity).toEqual({ name: 'Donald Trump' });
  });

  it('applies the statement filter and counts subjects with their stances', async () => {
    const { statementCounts } = await data(
      `{ statementCounts(groupBy: SUBJECT, thenBy: STANCE, filter: { speaker: { name: "Trump" } }) {
          count groups { label } } }`,
    );
    const { statements } = await data(
      `{ statements(filter: { speaker: { name: "Trump" } }) { edges { node {
          subjects { edges { node { stance entity { name } } } } } } } }`,
    );
    const pairs = statements.edges.flatMap((e: any) =>
      e.node.subjects.edges.map((s: any) => [s.node.entity.name, s.node.stance ?? 'unknown']),
    );
    expect(asTally(statementCounts)).toEqual(tally(pairs));
    expect(asTally(statementCounts)['Vladimir Putin / CRITICIZES']).toBe(2);
  });

  it('groups by kind, year and speaker country', async () => {
    const { statementCounts } = await data(
      '{ statementCounts(groupBy: SPEAKER_COUNTRY, thenBy: KIND) { count groups { label } } }',
    );
    expect(asTally(statementCounts)['United States / QUOTE']).toBe(1);
    expect(asTally(statementCounts)['United States / PARAPHRASE']).toBe(3);
    const { byYear } = await data('{ byYear: statementCounts(groupBy: YEAR) { key count } }');
    expect(byYear.map((c: any) => c.key)).toEqual(['2025', 'none']);
  });

  it('refuses the same dimension twice and too many groups', async () => {
    expect(
      await failure('{ statementCounts(groupBy: KIND, thenBy: KIND) { count } }'),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'thenBy: must differ from groupBy',
    });
    expect((await failure('{ meetingCounts(groupBy: KIND, first: 501) { count } }')).code).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('meeting counts', () => {
  it('counts meetings by participant nationality, kind and month, with the filter', async () => {
    const { meetingCounts, meetings } = await data(
      `{ meetingCounts(groupBy: PARTICIPANT_COUNTRY, thenBy: KIND) { count groups { label } }
         meetings(first: 100) { edges { node { kind participants { edges { node { country { name } } } } } } } }`,
    );
    const pairs = meetings.edges.flatMap((e: any) =>
      e.node.participants.edges.map((p: any) => [p.node.country?.name ?? 'unknown', e.node.kind]),
    );
    expect(asTally(meetingCounts)).toEqual(tally(pairs));
    const { held } = await data(
      `{ held: meetingCounts(groupBy: MONTH, filter: { participantNationality: { name: "Russia" } }) {
          count groups { key } } }`,
    );
    expect(held.reduce((sum: number, c: any) => sum + c.count, 0)).toBe(3);
  });
});
