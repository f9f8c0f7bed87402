-- Full-text search (tsvector + GIN), outside Prisma's model: one document per searchable row,
-- kept in sync by triggers so that every write path keeps it current. key = id * 8 + kind code
-- (Person 1, Country 2, Organization 3, Statement 4, Meeting 5, Source 6).

-- Lower case without accents, like the names' normalized columns (unaccent is an extension that
-- a server may lack; a fixed table of Latin letters needs nothing).
CREATE FUNCTION search_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(translate(value, 'ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁłÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž', 'AAAAAAaaaaaaAaAaAaCcCcCcCcCcDdDdEEEEeeeeEeEeEeEeEeGgGgGgGgHhHhIIIIiiiiIiIiIiIiIiJjKkLlLlLlLlLlNnNnNnNnOOOOOOooooooOoOoOoRrRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuUuUuWwYyyYyYZzZzZz'))
$$;

CREATE TABLE "search_document" (
  "key" BIGINT PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "body" TEXT NOT NULL,
  "document" TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, search_fold("title")), 'A') ||
    setweight(to_tsvector('english'::regconfig, search_fold("body")), 'B')
  ) STORED
);
CREATE INDEX "search_document_document_idx" ON "search_document" USING GIN ("document");

CREATE FUNCTION search_refresh(doc_kind text, doc_id integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF doc_id IS NULL THEN RETURN; END IF;
  IF doc_kind = 'Person' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 1;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 1, 'Person', r.name || coalesce(' ' || (SELECT string_agg(a.name, ' ' ORDER BY a.id) FROM "Alias" a WHERE a."personId" = r.id), ''), coalesce(r.description, '')
      FROM "Person" r WHERE r.id = doc_id;
  ELSIF doc_kind = 'Country' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 2;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || coalesce(' ' || (SELECT string_agg(a.name, ' ' ORDER BY a.id) FROM "Alias" a WHERE a."countryId" = r.id), ''), coalesce(r.description, '')
      FROM "Country" r WHERE r.id = doc_id;
  ELSIF doc_kind = 'Organization' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 3;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 3, 'Organization', r.name || coalesce(' ' || (SELECT string_agg(a.name, ' ' ORDER BY a.id) FROM "Alias" a WHERE a."organizationId" = r.id), ''), coalesce(r.description, '')
      FROM "Organization" r WHERE r.id = doc_id;
  ELSIF doc_kind = 'Statement' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 4;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 4, 'Statement', r.text, coalesce((SELECT string_agg(x.excerpt, ' … ' ORDER BY x.id) FROM "Attestation" x WHERE x."statementId" = r.id), '')
      FROM "Statement" r WHERE r.id = doc_id;
  ELSIF doc_kind = 'Meeting' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 5;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 5, 'Meeting', coalesce(r.topic, ''), coalesce(r."placeName", '') || coalesce(' ' || (SELECT string_agg(x.excerpt, ' … ' ORDER BY x.id) FROM "Attestation" x WHERE x."meetingId" = r.id), '')
      FROM "Meeting" r WHERE r.id = doc_id;
  ELSIF doc_kind = 'Source' THEN
    DELETE FROM "search_document" WHERE "key" = doc_id::bigint * 8 + 6;
    INSERT INTO "search_document" ("key", "kind", "title", "body")
      SELECT r.id::bigint * 8 + 6, 'Source', r.title, coalesce(r.publisher, '') || ' ' || r.text
      FROM "Source" r WHERE r.id = doc_id;
  END IF;
END
$$;

CREATE FUNCTION search_sync_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM search_refresh(TG_ARGV[0], CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END
$$;

CREATE FUNCTION search_sync_alias() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM search_refresh('Person', OLD."personId");
    PERFORM search_refresh('Country', OLD."countryId");
    PERFORM search_refresh('Organization', OLD."organizationId");
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM search_refresh('Person', NEW."personId");
    PERFORM search_refresh('Country', NEW."countryId");
    PERFORM search_refresh('Organization', NEW."organizationId");
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION search_sync_attestation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM search_refresh('Statement', OLD."statementId");
    PERFORM search_refresh('Meeting', OLD."meetingId");
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM search_refresh('Statement', NEW."statementId");
    PERFORM search_refresh('Meeting', NEW."meetingId");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Person"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Person');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Country"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Country');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Organization');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Statement"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Statement');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Meeting"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Meeting');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Source"
  FOR EACH ROW EXECUTE FUNCTION search_sync_row('Source');
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Alias"
  FOR EACH ROW EXECUTE FUNCTION search_sync_alias();
CREATE TRIGGER "search_sync" AFTER INSERT OR UPDATE OR DELETE ON "Attestation"
  FOR EACH ROW EXECUTE FUNCTION search_sync_attestation();

-- Rows that existed before this migration.
SELECT search_refresh('Person', id) FROM "Person";
SELECT search_refresh('Country', id) FROM "Country";
SELECT search_refresh('Organization', id) FROM "Organization";
SELECT search_refresh('Statement', id) FROM "Statement";
SELECT search_refresh('Meeting', id) FROM "Meeting";
SELECT search_refresh('Source', id) FROM "Source";
