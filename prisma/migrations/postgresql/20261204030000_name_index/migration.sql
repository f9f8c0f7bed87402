-- Fuzzy name matching (pg_trgm, a GIN trigram index), outside Prisma's model: one row per
-- normalized name or alias of a person or organization, kept in step by triggers so that every
-- write path keeps it current. key = id * 4 + code (Person 1, Organization 2, Alias 3);
-- entity_id is the person's or organization's id (an alias's owner).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE "name_index" (
  "key" BIGINT PRIMARY KEY,
  "kind" TEXT NOT NULL,
  "entity_id" INTEGER NOT NULL,
  "name" TEXT NOT NULL
);
CREATE INDEX "name_index_name_trgm_idx" ON "name_index" USING GIN ("name" gin_trgm_ops);

CREATE FUNCTION name_index_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  code integer := CASE TG_ARGV[0] WHEN 'Person' THEN 1 WHEN 'Organization' THEN 2 ELSE 3 END;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    DELETE FROM "name_index" WHERE "key" = OLD.id::bigint * 4 + code;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
  IF TG_ARGV[0] = 'Alias' THEN
    IF NEW."personId" IS NOT NULL OR NEW."organizationId" IS NOT NULL THEN
      INSERT INTO "name_index" ("key", "kind", "entity_id", "name") VALUES (
        NEW.id::bigint * 4 + 3,
        CASE WHEN NEW."personId" IS NOT NULL THEN 'Person' ELSE 'Organization' END,
        coalesce(NEW."personId", NEW."organizationId"), NEW."normalizedName");
    END IF;
  ELSE
    INSERT INTO "name_index" ("key", "kind", "entity_id", "name")
      VALUES (NEW.id::bigint * 4 + code, TG_ARGV[0], NEW.id, NEW."normalizedName");
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "name_index_sync" AFTER INSERT OR DELETE OR UPDATE OF "normalizedName" ON "Person"
  FOR EACH ROW EXECUTE FUNCTION name_index_sync('Person');
CREATE TRIGGER "name_index_sync" AFTER INSERT OR DELETE OR UPDATE OF "normalizedName" ON "Organization"
  FOR EACH ROW EXECUTE FUNCTION name_index_sync('Organization');
CREATE TRIGGER "name_index_sync" AFTER INSERT OR UPDATE OR DELETE ON "Alias"
  FOR EACH ROW EXECUTE FUNCTION name_index_sync('Alias');

-- Rows that existed before this migration.
INSERT INTO "name_index" ("key", "kind", "entity_id", "name")
  SELECT id::bigint * 4 + 1, 'Person', id, "normalizedName" FROM "Person";
INSERT INTO "name_index" ("key", "kind", "entity_id", "name")
  SELECT id::bigint * 4 + 2, 'Organization', id, "normalizedName" FROM "Organization";
INSERT INTO "name_index" ("key", "kind", "entity_id", "name")
  SELECT id::bigint * 4 + 3, CASE WHEN "personId" IS NOT NULL THEN 'Person' ELSE 'Organization' END,
    coalesce("personId", "organizationId"), "normalizedName"
  FROM "Alias" WHERE "personId" IS NOT NULL OR "organizationId" IS NOT NULL;
