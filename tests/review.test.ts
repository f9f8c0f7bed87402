// Review: a draft imported as is enters as EXTRACTED with its confidences; curators verify
// (or correct, or delete) each item, in the audit trail; researchers can keep to verified
// knowledge. Nothing extracted becomes VERIFIED without a curator.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ArticleDocument, articleFormat11 } from '../src/ingest/article-format.js';
import { keyHeaders } from './helpers/curation.js';
import { data, idOf } from './helpers/execute.js';
import { useSeededDatabase } from './helpers/seeded.js';

useSeededDatabase();

const text =
  'Wang Yi and Sergei Lavrov held talks in Moscow on 8 April. Lavrov said the talks were “frank and useful”.';

async function draft(): Promise<ArticleDocument> {
  return {
    format: articleFormat11,
    source: {
      title: 'Talks in Moscow',
      publisher: null,
      url: 'https://example.org/review',
      publishedOn: '2025-04-02',
      language: 'en',
      text,
    },
    countries: [],
    organizations: [],
    people: [
      { key: 'wang', ref: await idOf('people', 'Wang Yi'), name: 'Wang Yi' },
      { key: 'lavrov', ref: await idOf('people', 'Sergei Lavrov'), name: 'Sergei Lavrov' },
    ],
    statements: [
      {
        key: 's',
        speaker: 'lavrov',
        text: 'Lavrov called the talks frank and useful.',
        kind: 'QUOTE',
        date: '2025-04-01',
        about: [],
        excerpt: 'Lavrov said the talks were "frank and useful"',
        confidence: 0.65,
        verification: 'EXTRACTED',
      },
    ],
    meetings: [
      {
        key: 'm',
        kind: 'TALKS',
        status: 'HELD',
        topic: 'Review test talks',
        placeName: 'Moscow',
        // Not the seed's talks of 2025-04-01, which the import would match.
        date: '2025-04-08',
        participants: ['wang', 'lavrov'],
        excerpt: 'Wang Yi and Sergei Lavrov held talks in Moscow on 8 April.',
        confidence: 0.7,
        verification: 'EXTRACTED',
      },
    ],
  };
}

const statementsQuery = `query ($verification: Verification) {
  statements(filter: { verification: $verification }, first: 50) {
    edges { node { id text version verification confidence } }
  }
}`;
const meetingsQuery = `query ($verification: Verification) {
  meetings(filter: { verification: $verification }, first: 50) {
    edges { node { id topic version verification confidence } }
  }
}`;

const verify = (field: 'verifyStatement' | 'verifyMeeting', node: 'statement' | 'meeting') =>
  `mutation ($input: VerifyInput!) { ${field}(input: $input) {
    __typename
    ... on Error { message }
    ... on ConflictError { currentVersion }
    ... on ${field === 'verifyStatement' ? 'VerifyStatementSuccess' : 'VerifyMeetingSuccess'} {
      ${node} { id version verification }
    }
  } }`;

type Node = {
  id: string;
  text?: string;
  topic?: string;
  version: number;
  verification: string;
  confidence: number;
};
const nodes = (result: Record<string, { edges: { node: Node }[] }>, field: string) =>
  (result[field]?.edges ?? []).map((edge) => edge.node);

let editor: Record<string, string>;
let statement: Node;
let meeting: Node;

beforeAll(async () => {
  editor = await keyHeaders('EDITOR', 'curator-ana');
  const imported = await data(
    `mutation ($article: JSON!) { importArticle(article: $article) {
      __typename ... on Error { message } } }`,
    { article: await draft() },
    editor,
  );
  expect(imported.importArticle.__typename).toBe('ImportArticleSuccess');
});

describe('an imported draft', () => {
  it('enters as EXTRACTED with its confidences, apart from verified knowledge', async () => {
    const extracted = nodes(
      await data(statementsQuery, { verification: 'EXTRACTED' }),
      'statements',
    );
    expect(extracted.map(({ text, confidence }) => ({ text, confidence }))).toEqual([
      { text: 'Lavrov called the talks frank and useful.', confidence: 0.65 },
    ]);
    statement = extracted[0] as Node;
    const verified = nodes(await data(statementsQuery, { verification: 'VERIFIED' }), 'statements');
    expect(verified.length).toBeGreaterThan(0);
    expect(verified.map((s) => s.id)).not.toContain(statement.id);
    expect(verified.every((s) => s.verification === 'VERIFIED')).toBe(true);

    const meetings = nodes(await data(meetingsQuery, { verification: 'EXTRACTED' }), 'meetings');
    expect(meetings.map(({ topic, confidence }) => ({ topic, confidence }))).toEqual([
      { topic: 'Review test talks', confidence: 0.7 },
    ]);
    meeting = meetings[0] as Node;
  });

  it('stays EXTRACTED when corrected, and is verified only by a curator, in the audit trail', async () => {
    const anonymous = await data(verify('verifyStatement', 'statement'), {
      input: { id: statement.id, version: statement.version },
    });
    expect(anonymous.verifyStatement.__typename).toBe('AuthorizationError');

    const corrected = await data(
      `mutation ($input: UpdateStatementInput!) { updateStatement(input: $input) {
        ... on UpdateStatementSuccess { statement { version verification text } } } }`,
      {
        input: {
          id: statement.id,
          version: statement.version,
          text: 'Lavrov called the talks frank.',
        },
      },
      editor,
    );
    expect(corrected.updateStatement.statement).toMatchObject({ verification: 'EXTRACTED' });

    const stale = await data(
      verify('verifyStatement', 'statement'),
      { input: { id: statement.id, version: statement.version } },
      editor,
    );
    expect(stale.verifyStatement).toMatchObject({
      __typename: 'ConflictError',
      currentVersion: corrected.updateStatement.statement.version,
    });

    const verified = await data(
      verify('verifyStatement', 'statement'),
      { input: { id: statement.id, version: corrected.updateStatement.statement.version } },
      editor,
    );
    expect(verified.verifyStatement.statement).toMatchObject({
      id: statement.id,
      verification: 'VERIFIED',
    });
    const meetingVerified = await data(
      verify('verifyMeeting', 'meeting'),
      { input: { id: meeting.id, version: meeting.version } },
      editor,
    );
    expect(meetingVerified.verifyMeeting.meeting).toMatchObject({ verification: 'VERIFIED' });

    for (const [id, via] of [
      [statement.id, 'verifyStatement'],
      [meeting.id, 'verifyMeeting'],
    ]) {
      const { changes } = await data(
        `query ($id: ID!) { changes(entity: $id, first: 20) { edges { node { via actor after } } } }`,
        { id },
        editor,
      );
      const change = changes.edges
        .map((e: { node: object }) => e.node)
        .find((c: { via: string }) => c.via === via);
      expect(change).toMatchObject({ actor: 'curator-ana' });
      expect(JSON.parse(change.after).verification).toBe('VERIFIED');
    }
    expect(nodes(await data(statementsQuery, { verification: 'EXTRACTED' }), 'statements')).toEqual(
      [],
    );
    expect(
      nodes(await data(meetingsQuery, { verification: 'VERIFIED' }), 'meetings').map((m) => m.id),
    ).toContain(meeting.id);
  });

  it('refuses an ID of another type with a typed error naming the field', async () => {
    const wrong = await data(
      `mutation ($input: VerifyInput!) { verifyStatement(input: $input) {
        __typename ... on ValidationError { issues { path message } } } }`,
      { input: { id: meeting.id, version: 1 } },
      editor,
    );
    expect(wrong.verifyStatement).toMatchObject({
      __typename: 'ValidationError',
      issues: [{ path: ['input', 'id'] }],
    });
  });
});
