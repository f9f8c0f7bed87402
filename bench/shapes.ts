// The query shapes the benchmark runs, each written three ways: for our server, for PostGraphile
// serving the same PostgreSQL database, and as one hand-written SQL statement (the floor).
// Parameters are picked from the loaded data (bench/params.ts), so every shape returns rows.
//
// PostGraphile's versions use its amber preset's names (personByRowId, rowId, xsByYId...) and,
// where its generated API has no equivalent of ours, the functions of bench/peers/
// postgraphile-schema.ts: search, meetingsInRange, Person.currentRoles. It returns raw dates
// (occurredOn, precision), not our PartialDate. The floor returns exactly our response's data.

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

// SQL fragments of the floor, which builds our response's JSON in the database: global IDs
// (base64 of "Type:id", as ours), our cursors, and PartialDate's text.
const gid = (type: string, id: string) =>
  `encode(convert_to('${type}:' || ${id}, 'UTF8'), 'base64')`;
const cursor = (id: string) => `encode(convert_to('GPC:N:' || ${id}, 'UTF8'), 'base64')`;
const dateText = (on: string, precision: string) => `CASE WHEN ${on} IS NOT NULL
  AND ${precision} IS NOT NULL THEN json_build_object('text', to_char(${on}, CASE ${precision}
  WHEN 'DAY' THEN 'YYYY-MM-DD' WHEN 'MONTH' THEN 'YYYY-MM' ELSE 'YYYY' END)) END`;
const named = (type: string, alias: string, key: string) =>
  `(SELECT json_build_object('id', ${gid(type, `${alias}.id`)}, 'name', ${alias}.name)
    FROM "${type}" ${alias} WHERE ${alias}.id = ${key})`;
// Our snippet: ts_headline with our options, HTML-escaped, matches wrapped in <b>.
const snippet = (text: string, query: string) => `replace(replace(
  replace(replace(replace(replace(replace(ts_headline('english', ${text}, ${query},
    'StartSel=\uE001, StopSel=\uE002, FragmentDelimiter=" … ", '
    || 'MaxFragments=2, MaxWords=16, MinWords=6'),
  '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
  '\uE001', '<b>'), '\uE002', '</b>')`;

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
    postgraphile: {
      query: /* GraphQL */ `
        query Person($id: Int!) {
          personByRowId(rowId: $id) {
            rowId
            name
            countryByCountryId { rowId name iso2 }
            currentRoles {
              nodes {
                rowId
                title
                startDate
                startPrecision
                countryByCountryId { rowId name }
                organizationByOrganizationId { rowId name }
              }
            }
          }
        }`,
      variables: (p) => ({ id: p.personId }),
    },
    floor: {
      sql: /* SQL */ `
        SELECT json_build_object('node', (
          SELECT json_build_object(
            'id', ${gid('Person', 'p.id')},
            'name', p.name,
            'country', (SELECT json_build_object('id', ${gid('Country', 'c.id')}, 'name', c.name,
              'isoCode', c.iso2) FROM "Country" c WHERE c.id = p."countryId"),
            'currentRoles', coalesce((
              SELECT json_agg(json_build_object(
                'id', ${gid('Role', 'r.id')},
                'title', r.title,
                'start', ${dateText('r."startDate"', 'r."startPrecision"')},
                'country', ${named('Country', 'rc', 'r."countryId"')},
                'organization', ${named('Organization', 'ro', 'r."organizationId"')}
              ) ORDER BY r."startDate" ASC NULLS LAST, r.id)
              FROM "Role" r WHERE r."personId" = p.id AND r."endDate" IS NULL), '[]')
          ) FROM "Person" p WHERE p.id = $1)) AS data`,
      values: (p) => [p.personId],
    },
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
    postgraphile: {
      query: /* GraphQL */ `
        query SpeakerStatements($id: Int!) {
          personByRowId(rowId: $id) {
            rowId
            name
            statementsBySpeakerPersonId(first: 20, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
              edges {
                node {
                  rowId
                  text
                  kind
                  occurredOn
                  occurredPrecision
                  statementSubjectsByStatementId(first: 4, orderBy: ROW_ID_ASC) {
                    edges {
                      node {
                        stance
                        personByPersonId { rowId name }
                        countryByCountryId { rowId name }
                        organizationByOrganizationId { rowId name }
                      }
                    }
                  }
                }
              }
            }
          }
        }`,
      variables: (p) => ({ id: p.speakerId }),
    },
    floor: {
      sql: /* SQL */ `
        SELECT json_build_object('node', (
          SELECT json_build_object(
            'id', ${gid('Person', 'p.id')},
            'name', p.name,
            'statements', json_build_object('edges', coalesce((
              SELECT json_agg(json_build_object('node', json_build_object(
                'id', ${gid('Statement', 's.id')},
                'text', s.text,
                'kind', s.kind,
                'date', ${dateText('s."occurredOn"', 's."occurredPrecision"')},
                'subjects', json_build_object('edges', coalesce((
                  SELECT json_agg(json_build_object('node', json_build_object(
                    'stance', ss.stance,
                    'entity', CASE
                      WHEN ss."personId" IS NOT NULL THEN (SELECT json_build_object(
                        '__typename', 'Person', 'id', ${gid('Person', 'x.id')}, 'name', x.name)
                        FROM "Person" x WHERE x.id = ss."personId")
                      WHEN ss."countryId" IS NOT NULL THEN (SELECT json_build_object(
                        '__typename', 'Country', 'id', ${gid('Country', 'x.id')}, 'name', x.name)
                        FROM "Country" x WHERE x.id = ss."countryId")
                      ELSE (SELECT json_build_object('__typename', 'Organization',
                        'id', ${gid('Organization', 'x.id')}, 'name', x.name)
                        FROM "Organization" x WHERE x.id = ss."organizationId")
                    END)) ORDER BY ss.id)
                  FROM (SELECT * FROM "StatementSubject" WHERE "statementId" = s.id
                    ORDER BY id LIMIT 4) ss), '[]'))
              )) ORDER BY s."occurredOn" ASC NULLS LAST, s.id)
              FROM (SELECT * FROM "Statement" WHERE "speakerPersonId" = p.id
                ORDER BY "occurredOn" ASC NULLS LAST, id LIMIT 20) s), '[]'))
          ) FROM "Person" p WHERE p.id = $1)) AS data`,
      values: (p) => [p.speakerId],
    },
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
    postgraphile: {
      query: /* GraphQL */ `
        query MeetingsInRange($from: Date!, $to: Date!) {
          meetingsInRange(fromDate: $from, toDate: $to, first: 20) {
            edges {
              node {
                rowId
                kind
                topic
                occurredOn
                occurredPrecision
                meetingParticipantsByMeetingId(first: 6, orderBy: ROW_ID_ASC) {
                  edges {
                    node {
                      personByPersonId { rowId name countryByCountryId { rowId name } }
                    }
                  }
                }
              }
            }
          }
        }`,
      variables: (p) => ({ from: p.meetingsFrom, to: p.meetingsTo }),
    },
    floor: {
      sql: /* SQL */ `
        SELECT json_build_object('meetings', json_build_object('edges', coalesce(json_agg(
          json_build_object('node', json_build_object(
            'id', ${gid('Meeting', 'm.id')},
            'kind', m.kind,
            'topic', m.topic,
            'date', ${dateText('m."occurredOn"', 'm."occurredPrecision"')},
            'participants', json_build_object('edges', coalesce((
              SELECT json_agg(json_build_object('node', json_build_object(
                'id', ${gid('Person', 'x.id')},
                'name', x.name,
                'country', ${named('Country', 'xc', 'x."countryId"')}
              )) ORDER BY mp.id)
              FROM (SELECT * FROM "MeetingParticipant" WHERE "meetingId" = m.id
                ORDER BY id LIMIT 6) mp JOIN "Person" x ON x.id = mp."personId"), '[]'))
          )) ORDER BY m."occurredOn" ASC NULLS LAST, m.id), '[]'))) AS data
        FROM (
          -- Our date filter: the period a date stands for (day, month or year) overlaps the range.
          SELECT * FROM "Meeting"
          WHERE "occurredOn" <= $2::date
            -- Implied by every branch below; bounds the (date, id) index range from both ends.
            AND "occurredOn" >= date_trunc('year', $1::date::timestamp)
            AND (("occurredPrecision" = 'DAY' AND "occurredOn" >= $1::date)
              OR ("occurredPrecision" = 'MONTH'
                AND "occurredOn" >= date_trunc('month', $1::date::timestamp))
              OR ("occurredPrecision" = 'YEAR'
                AND "occurredOn" >= date_trunc('year', $1::date::timestamp)))
          ORDER BY "occurredOn" ASC NULLS LAST, id LIMIT 20) m`,
      values: (p) => [p.meetingsFrom, p.meetingsTo],
    },
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
    postgraphile: {
      query: /* GraphQL */ `
        query StatementsAbout($id: Int!) {
          personByRowId(rowId: $id) {
            rowId
            name
            statementSubjectsByPersonId(first: 50, orderBy: STATEMENT_ID_DESC) {
              edges {
                node {
                  stance
                  statementByStatementId {
                    rowId
                    text
                    personBySpeakerPersonId { rowId name countryByCountryId { rowId name } }
                    organizationBySpeakerOrganizationId {
                      rowId
                      name
                      countryByCountryId { rowId name }
                    }
                    attestationsByStatementId(first: 1, orderBy: ROW_ID_ASC) {
                      edges { node { excerpt sourceBySourceId { rowId title url } } }
                    }
                  }
                }
              }
            }
          }
        }`,
      variables: (p) => ({ id: p.subjectId }),
    },
    floor: {
      sql: /* SQL */ `
        SELECT json_build_object('node', (
          SELECT json_build_object(
            'id', ${gid('Person', 'p.id')},
            'name', p.name,
            'statementsAbout', json_build_object('edges', coalesce((
              SELECT json_agg(json_build_object(
                'stance', ss.stance,
                'node', json_build_object(
                  'id', ${gid('Statement', 's.id')},
                  'text', s.text,
                  'speaker', CASE WHEN s."speakerPersonId" IS NOT NULL THEN (
                    SELECT json_build_object('__typename', 'Person', 'id', ${gid('Person', 'x.id')},
                      'name', x.name,
                      'country', ${named('Country', 'xc', 'x."countryId"')})
                    FROM "Person" x WHERE x.id = s."speakerPersonId") ELSE (
                    SELECT json_build_object('__typename', 'Organization',
                      'id', ${gid('Organization', 'x.id')}, 'name', x.name,
                      'country', ${named('Country', 'xc', 'x."countryId"')})
                    FROM "Organization" x WHERE x.id = s."speakerOrganizationId") END,
                  'attestations', json_build_object('edges', coalesce((
                    SELECT json_agg(json_build_object('node', json_build_object(
                      'excerpt', a.excerpt,
                      'source', json_build_object('id', ${gid('Source', 'src.id')},
                        'title', src.title, 'url', src.url))))
                    FROM (SELECT * FROM "Attestation" WHERE "statementId" = s.id
                      ORDER BY id LIMIT 1) a JOIN "Source" src ON src.id = a."sourceId"), '[]'))
                )) ORDER BY ss."statementId" DESC)
              FROM (SELECT * FROM "StatementSubject" WHERE "personId" = p.id
                ORDER BY "statementId" DESC LIMIT 50) ss
              JOIN "Statement" s ON s.id = ss."statementId"), '[]'))
          ) FROM "Person" p WHERE p.id = $1)) AS data`,
      values: (p) => [p.subjectId],
    },
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
    postgraphile: {
      query: /* GraphQL */ `
        query Search($q: String!) {
          search(query: $q, first: 20) {
            edges {
              node {
                rank
                snippet
                statementByStatementId { rowId text }
                personByPersonId { rowId name }
                countryByCountryId { rowId name }
                organizationByOrganizationId { rowId name }
                meetingByMeetingId { rowId topic }
                sourceBySourceId { rowId title }
              }
            }
          }
        }`,
      variables: (p) => ({ q: p.searchWord }),
    },
    floor: {
      // websearch_to_tsquery of the folded word: for one word, the tsquery ours builds.
      sql: /* SQL */ `
        WITH q AS (SELECT websearch_to_tsquery('english', search_fold($1)) AS query),
        page AS (
          SELECT d.key, d.kind, d.title, d.body, ts_rank_cd(d.document, q.query) AS rank
          FROM search_document d, q WHERE d.document @@ q.query
          ORDER BY rank DESC, d.key ASC LIMIT 20)
        SELECT json_build_object('search', json_build_object('edges', coalesce(json_agg(
          json_build_object(
            'rank', page.rank::float8,
            'snippet', ${snippet("page.title || ' ' || page.body", 'q.query')},
            'node', CASE page.kind
              WHEN 'Statement' THEN (SELECT json_build_object('__typename', 'Statement',
                'id', ${gid('Statement', 'x.id')}, 'text', x.text)
                FROM "Statement" x WHERE x.id = page.key / 8)
              WHEN 'Person' THEN (SELECT json_build_object('__typename', 'Person',
                'id', ${gid('Person', 'x.id')}, 'name', x.name)
                FROM "Person" x WHERE x.id = page.key / 8)
              WHEN 'Country' THEN (SELECT json_build_object('__typename', 'Country',
                'id', ${gid('Country', 'x.id')}, 'name', x.name)
                FROM "Country" x WHERE x.id = page.key / 8)
              WHEN 'Organization' THEN (SELECT json_build_object('__typename', 'Organization',
                'id', ${gid('Organization', 'x.id')}, 'name', x.name)
                FROM "Organization" x WHERE x.id = page.key / 8)
              WHEN 'Meeting' THEN (SELECT json_build_object('__typename', 'Meeting',
                'id', ${gid('Meeting', 'x.id')}, 'topic', x.topic)
                FROM "Meeting" x WHERE x.id = page.key / 8)
              WHEN 'Source' THEN (SELECT json_build_object('__typename', 'Source',
                'id', ${gid('Source', 'x.id')}, 'title', x.title)
                FROM "Source" x WHERE x.id = page.key / 8)
            END
          ) ORDER BY page.rank DESC, page.key), '[]'))) AS data
        FROM page, q`,
      values: (p) => [p.searchWord],
    },
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
    postgraphile: {
      query: /* GraphQL */ `
        query DeepPage($after: Cursor!) {
          allStatements(first: 20, after: $after, orderBy: [OCCURRED_ON_ASC, ROW_ID_ASC]) {
            edges { cursor node { rowId text occurredOn occurredPrecision } }
            pageInfo { hasNextPage endCursor }
          }
        }`,
      variables: (p) => ({ after: p.deepCursor.postgraphile }),
    },
    floor: {
      // Keyset paging after (occurredOn, id) of deepAfterId, undated statements last: the dated
      // ones after the key, then the undated ones (after the key's id if it is undated itself).
      // The key's values are scalar subqueries so that both branches are index range scans.
      sql: /* SQL */ `
        WITH page AS (
          SELECT * FROM (
            (SELECT * FROM "Statement"
              WHERE ("occurredOn", id) > ((SELECT "occurredOn" FROM "Statement" WHERE id = $1), $1)
              ORDER BY "occurredOn", id LIMIT 21)
            UNION ALL
            (SELECT * FROM "Statement"
              WHERE "occurredOn" IS NULL AND id > (SELECT CASE WHEN "occurredOn" IS NULL THEN id
                ELSE 0 END FROM "Statement" WHERE id = $1)
              ORDER BY "occurredOn", id LIMIT 21)) page
          ORDER BY "occurredOn" ASC NULLS LAST, id LIMIT 21),
        shown AS (SELECT * FROM page ORDER BY "occurredOn" ASC NULLS LAST, id LIMIT 20)
        SELECT json_build_object('statements', json_build_object(
          'edges', coalesce((SELECT json_agg(json_build_object(
            'cursor', ${cursor('shown.id')},
            'node', json_build_object(
              'id', ${gid('Statement', 'shown.id')},
              'text', shown.text,
              'date', ${dateText('shown."occurredOn"', 'shown."occurredPrecision"')})
          ) ORDER BY shown."occurredOn" ASC NULLS LAST, shown.id) FROM shown), '[]'),
          'pageInfo', json_build_object(
            'hasNextPage', (SELECT count(*) FROM page) > 20,
            'endCursor', (SELECT ${cursor('shown.id')} FROM shown
              ORDER BY shown."occurredOn" DESC NULLS FIRST, shown.id DESC LIMIT 1)))) AS data`,
      values: (p) => [p.deepAfterId],
    },
  },
];
