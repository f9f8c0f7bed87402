// Meetings by participant (any-of / all-of), by a participant's nationality and by the country
// held in, all by name; a country's meetings "held in" and "involving" are separate fields.
import { describe, expect, it } from 'vitest';
import { data } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const places = async (filter: unknown) => {
  const { meetings } = await data(
    `query ($filter: MeetingFilter) {
      meetings(filter: $filter, first: 20) { totalCount edges { node { kind placeName } } }
    }`,
    { filter },
  );
  return meetings.edges.map((e: any) => `${e.node.kind} ${e.node.placeName ?? '-'}`).sort();
};

describe('meetings by name', () => {
  it('answers "which meetings involved a Russian" in one request', async () => {
    const { meetings } = await data(
      `{ meetings(filter: { participantNationality: { name: "Russia" } }) {
        totalCount edges { node { kind placeName participants { edges { node { name } } } } } } }`,
    );
    expect(meetings.totalCount).toBe(3);
    for (const { node } of meetings.edges) {
      const names = node.participants.edges.map((e: any) => e.node.name);
      expect(names.some((n: string) => /Lavrov|Putin|Russian security official/.test(n))).toBe(
        true,
      );
    }
  });

  it('filters by participants, any-of and all-of, and by the country held in', async () => {
    expect(await places({ participantsAllOf: [{ name: 'Trump' }, { name: 'Putin' }] })).toEqual([
      'DISCUSSION -',
    ]);
    expect(
      await places({ participantsAnyOf: [{ name: 'Kim Jong Un' }, { name: 'Wang Yi' }] }),
    ).toHaveLength(2);
    expect(await places({ participant: { name: 'Kim' } })).toEqual(['VISIT Pyongyang']);
    expect(await places({ country: { name: 'DPRK' } })).toEqual(['VISIT Pyongyang']);
    expect(
      await places({
        AND: [
          { participantNationality: { name: 'Russia' } },
          { NOT: { country: { name: 'Russia' } } },
        ],
      }),
      // NOT leaves out meetings whose place is unknown (Trump and Putin's discussion), as SQL does.
    ).toEqual(['VISIT Pyongyang']);
  });

  it("separates a country's meetings held in it from those its nationals took part in", async () => {
    const { countries } = await data(
      `{ countries(filter: { name: "Russia" }, first: 1) { edges { node {
        meetingsHeldIn { totalCount edges { node { placeName } } }
        meetingsInvolving(orderBy: DATE_DESC) { totalCount edges { node { placeName date { text } } } }
        meetings { totalCount }
        kim: meetingsInvolving(filter: { participant: { name: "Kim Jong Un" } }) { totalCount }
      } } } }`,
    );
    const russia = countries.edges[0].node;
    expect(russia.meetingsHeldIn.edges).toEqual([{ node: { placeName: 'Moscow' } }]);
    expect(russia.meetings.totalCount).toBe(russia.meetingsHeldIn.totalCount);
    expect(russia.meetingsInvolving.totalCount).toBe(3);
    const dates = russia.meetingsInvolving.edges.map((e: any) => e.node.date?.text).filter(Boolean);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(russia.kim.totalCount).toBe(1);
  });

  it('marks the old Country.meetings as deprecated, saying what to use', async () => {
    const { __type } = await data(
      '{ __type(name: "Country") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }',
    );
    const meetings = __type.fields.find((f: any) => f.name === 'meetings');
    expect(meetings.isDeprecated).toBe(true);
    expect(meetings.deprecationReason).toMatch(/meetingsHeldIn.*meetingsInvolving/);
  });
});
