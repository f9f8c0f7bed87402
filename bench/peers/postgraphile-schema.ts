// What PostGraphile needs beside our tables to answer the benchmark's shapes as ours does: search
// over our full-text index (search_document) ranked like our PostgreSQL search, our meetings date
// filter and Person.currentRoles, as SQL functions. They live in a schema of their own, not in
// our migrations: only PostGraphile uses them.
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const postgraphileSchema = 'postgraphile_bench';

// Bumped whenever the SQL below changes, so that a database holding an older copy gets this one.
const version = 'postgraphile_bench v7';

// @foreignKey smart tags give each hit a relation to its row, as PostGraphile users add them to
// views and composite types; the snippet is a computed column so that only the page is
// highlighted (like our search, which computes headlines for the page only).
const hitRelations = {
  person_id: 'Person',
  country_id: 'Country',
  organization_id: 'Organization',
  statement_id: 'Statement',
  meeting_id: 'Meeting',
  source_id: 'Source',
};
const hitTags = [
  '@name search_hit',
  ...Object.entries(hitRelations).map(
    ([column, table]) => `@foreignKey (${column}) references public."${table}" (id)`,
  ),
].join('\\n');

const definition = /* SQL */ `
  CREATE SCHEMA postgraphile_bench;
  COMMENT ON SCHEMA postgraphile_bench IS '${version}';

  CREATE TYPE postgraphile_bench.search_hit AS (
    key bigint,
    kind text,
    rank float8,
    query text,
    person_id int,
    country_id int,
    organization_id int,
    statement_id int,
    meeting_id int,
    source_id int
  );
  COMMENT ON TYPE postgraphile_bench.search_hit IS E'${hitTags}';
  COMMENT ON COLUMN postgraphile_bench.search_hit.query IS '@behavior -*';

  -- Best first, ties by key: the order of our search (ts_rank_cd over the weighted document).
  -- A document's key is its row's id * 8 + a kind code (see the search_index migration).
  CREATE FUNCTION postgraphile_bench.search(query text)
  RETURNS SETOF postgraphile_bench.search_hit LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT d.key, d.kind, ts_rank_cd(d.document, q.tsquery)::float8 AS rank, query,
      CASE d.kind WHEN 'Person' THEN (d.key / 8)::int END,
      CASE d.kind WHEN 'Country' THEN (d.key / 8)::int END,
      CASE d.kind WHEN 'Organization' THEN (d.key / 8)::int END,
      CASE d.kind WHEN 'Statement' THEN (d.key / 8)::int END,
      CASE d.kind WHEN 'Meeting' THEN (d.key / 8)::int END,
      CASE d.kind WHEN 'Source' THEN (d.key / 8)::int END
    FROM public.search_document d,
      (SELECT websearch_to_tsquery('english', public.search_fold(query)) AS tsquery) q
    WHERE d.document @@ q.tsquery
    ORDER BY ts_rank_cd(d.document, q.tsquery) DESC, d.key ASC
  $$;
  COMMENT ON FUNCTION postgraphile_bench.search IS '@name search';

  -- Meetings whose date overlaps [from_date, to_date], oldest first: our meetings(filter: { date })
  -- with orderBy DATE_ASC. A date known to the month or year overlaps when its period does.
  CREATE FUNCTION postgraphile_bench.meetings_in_range(from_date date, to_date date)
  RETURNS SETOF public."Meeting" LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT m.* FROM public."Meeting" m
    WHERE m."occurredOn" <= to_date
      -- Every branch below implies this bound: it lets the (date, id) index range from both ends.
      AND m."occurredOn" >= date_trunc('year', from_date::timestamp)
      AND ((m."occurredPrecision" = 'DAY' AND m."occurredOn" >= from_date)
        OR (m."occurredPrecision" = 'MONTH'
          AND m."occurredOn" >= date_trunc('month', from_date::timestamp))
        OR (m."occurredPrecision" = 'YEAR'
          AND m."occurredOn" >= date_trunc('year', from_date::timestamp)))
    ORDER BY m."occurredOn" ASC NULLS LAST, m.id ASC
  $$;
  COMMENT ON FUNCTION postgraphile_bench.meetings_in_range IS '@name meetings_in_range';

  -- Person.currentRoles: roles without an end, earliest start first. PostGraphile offers neither
  -- the condition nor the order on Role's relation (endDate and startDate are not indexed).
  CREATE FUNCTION postgraphile_bench.person_current_roles(person public."Person")
  RETURNS SETOF public."Role" LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT r.* FROM public."Role" r
    WHERE r."personId" = person.id AND r."endDate" IS NULL
    ORDER BY r."startDate" ASC NULLS LAST, r.id ASC
  $$;
  COMMENT ON FUNCTION postgraphile_bench.person_current_roles IS '@fieldName currentRoles';

  -- Our snippet: the same ts_headline options, HTML-escaped, matches wrapped in <b>.
  CREATE FUNCTION postgraphile_bench.search_hit_snippet(hit postgraphile_bench.search_hit)
  RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT replace(replace(
      replace(replace(replace(replace(replace(
        ts_headline('english', d.title || ' ' || d.body,
          websearch_to_tsquery('english', public.search_fold(hit.query)),
          'StartSel=${'\uE001'}, StopSel=${'\uE002'}, FragmentDelimiter=" … ", '
          || 'MaxFragments=2, MaxWords=16, MinWords=6'),
        '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;'),
      '${'\uE001'}', '<b>'), '${'\uE002'}', '</b>')
    FROM public.search_document d WHERE d.key = hit.key
  $$;
  COMMENT ON FUNCTION postgraphile_bench.search_hit_snippet
    IS E'@fieldName snippet\\n@behavior -queryField';
`;

/**
 * Creates (or brings up to date) PostGraphile's search schema in the database at `url`. Safe to
 * run any number of times; it touches nothing else, so it may run against a read-only dataset.
 */
export async function preparePostgraphileSchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Serializes concurrent callers: the second sees the first one's schema and does nothing.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${postgraphileSchema}'))`);
    const current = await client.query<{ comment: string | null }>(
      `SELECT obj_description(oid, 'pg_namespace') AS comment FROM pg_namespace WHERE nspname = $1`,
      [postgraphileSchema],
    );
    if (current.rows[0]?.comment !== version) {
      await client.query(`DROP SCHEMA IF EXISTS ${postgraphileSchema} CASCADE`);
      await client.query(definition);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  await preparePostgraphileSchema(url);
  console.log(`${postgraphileSchema} is ready`);
}
