// The query shapes the benchmark runs, each written three ways: for our server, for PostGraphile
// serving the same PostgreSQL database, and as one hand-written SQL statement (the floor).
// Parameters are picked from the loaded data (bench/params.ts), so every shape returns rows.

export type ShapeParams = {
  /** A person with a country and at least one current role (shape 1). */
  personId: number;
  /** A person who made at least 20 statements (shape 2). */
  speakerId: number;
  /** A person about whom at least 50 statements were made (shape 4). */
  subjectId: number;
  /** A date range holding at least 20 meetings (shape 3), as YYYY-MM-DD. */
  meetingsFrom: string;
  meetingsTo: string;
  /** A word found in many statements (shape 5). */
  searchWord: string;
  /** The cursors just after the 10,000th statement in date order (shape 6), per server. */
  deepCursor: { ours: string; postgraphile: string };
  /** The id of that 10,000th statement (the floor pages by key, like the servers). */
  deepAfterId: number;
};

export type GraphqlRequest = {
  query: string;
  variables: (params: ShapeParams) => Record<string, unknown>;
};

export type Shape = {
  name: string;
  description: string;
  ours: GraphqlRequest;
  postgraphile: GraphqlRequest;
  floor: { sql: string; values: (params: ShapeParams) => unknown[] };
};

/** Our global IDs: Relay's base64 of "Type:id". */
export const globalId = (type: string, id: number) =>
  Buffer.from(`${type}:${id}`).toString('base64');

const TODO = { query: '', variables: () => ({}) };
const TODO_SQL = { sql: '', values: () => [] };

export const shapes: Shape[] = [
  {
    name: 'person',
    description: 'one person by global ID with country and current roles',
    ours: {
      query: /* GraphQL */ `
        query Person($id: ID!) {
          node(id: $id) {
            ... on Person {
              id
              name
              country { id name isoCode }
              currentRoles { id title start { text } country { id name } organization { id name } }
            }
          }
        }`,
      variables: (p) => ({ id: globalId('Person', p.personId) }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
  {
    name: 'speaker-statements',
    description: '20 statements by one speaker, each with its subjects',
    ours: {
      query: /* GraphQL */ `
        query SpeakerStatements($id: ID!) {
          node(id: $id) {
            ... on Person {
              id
              name
              statements(first: 20) {
                edges {
                  node {
                    id
                    text
                    kind
                    date { text }
                    subjects(first: 4) { edges { node { stance entity { __typename id name } } } }
                  }
                }
              }
            }
          }
        }`,
      variables: (p) => ({ id: globalId('Person', p.speakerId) }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
  {
    name: 'meetings-in-range',
    description: 'meetings in a date range with participants and their countries (3 levels)',
    ours: {
      query: /* GraphQL */ `
        query MeetingsInRange($from: Date!, $to: Date!) {
          meetings(first: 20, filter: { date: { from: $from, to: $to } }, orderBy: DATE_ASC) {
            edges {
              node {
                id
                kind
                topic
                date { text }
                participants(first: 6) { edges { node { id name country { id name } } } }
              }
            }
          }
        }`,
      variables: (p) => ({ from: p.meetingsFrom, to: p.meetingsTo }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
  {
    name: 'statements-about',
    description:
      'who said what about whom: 50 statements about one person, with speaker, country, excerpt',
    ours: {
      query: /* GraphQL */ `
        query StatementsAbout($id: ID!) {
          node(id: $id) {
            ... on Person {
              id
              name
              statementsAbout(first: 50) {
                edges {
                  stance
                  node {
                    id
                    text
                    speaker {
                      __typename
                      ... on Person { id name country { id name } }
                      ... on Organization { id name country { id name } }
                    }
                    attestations(first: 1) {
                      edges { node { excerpt source { id title url } } }
                    }
                  }
                }
              }
            }
          }
        }`,
      variables: (p) => ({ id: globalId('Person', p.subjectId) }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
  {
    name: 'search',
    description: 'full-text search for a common word, first 20 results',
    ours: {
      query: /* GraphQL */ `
        query Search($q: String!) {
          search(query: $q, first: 20) {
            edges {
              rank
              snippet
              node {
                __typename
                ... on Statement { id text }
                ... on Person { id name }
                ... on Country { id name }
                ... on Organization { id name }
                ... on Meeting { id topic }
                ... on Source { id title }
              }
            }
          }
        }`,
      variables: (p) => ({ q: p.searchWord }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
  {
    name: 'deep-page',
    description: 'statements in date order, 20 after a cursor 10,000 rows in',
    ours: {
      query: /* GraphQL */ `
        query DeepPage($after: String!) {
          statements(first: 20, after: $after) {
            edges { cursor node { id text date { text } } }
            pageInfo { hasNextPage endCursor }
          }
        }`,
      variables: (p) => ({ after: p.deepCursor.ours }),
    },
    postgraphile: TODO,
    floor: TODO_SQL,
  },
];
