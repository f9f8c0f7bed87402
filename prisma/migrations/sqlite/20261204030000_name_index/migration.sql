-- Fuzzy name matching (FTS5 trigram index), outside Prisma's model: one row per normalized name
-- or alias of a person or organization, kept in step by triggers so that every write path keeps
-- it current. rowid = id * 4 + code (Person 1, Organization 2, Alias 3); entity_id is the
-- person's or organization's id (an alias's owner).
CREATE VIRTUAL TABLE "name_trigram" USING fts5(
  kind UNINDEXED, entity_id UNINDEXED, name,
  tokenize = 'trigram'
);

CREATE TRIGGER "name_Person_insert" AFTER INSERT ON "Person" BEGIN
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    VALUES (new.id * 4 + 1, 'Person', new.id, new."normalizedName");
END;

CREATE TRIGGER "name_Person_update" AFTER UPDATE OF "normalizedName" ON "Person" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 1;
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    VALUES (new.id * 4 + 1, 'Person', new.id, new."normalizedName");
END;

CREATE TRIGGER "name_Person_delete" AFTER DELETE ON "Person" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 1;
END;

CREATE TRIGGER "name_Organization_insert" AFTER INSERT ON "Organization" BEGIN
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    VALUES (new.id * 4 + 2, 'Organization', new.id, new."normalizedName");
END;

CREATE TRIGGER "name_Organization_update" AFTER UPDATE OF "normalizedName" ON "Organization" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 2;
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    VALUES (new.id * 4 + 2, 'Organization', new.id, new."normalizedName");
END;

CREATE TRIGGER "name_Organization_delete" AFTER DELETE ON "Organization" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 2;
END;

CREATE TRIGGER "name_Alias_insert" AFTER INSERT ON "Alias"
  WHEN new."personId" IS NOT NULL OR new."organizationId" IS NOT NULL BEGIN
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    VALUES (new.id * 4 + 3, CASE WHEN new."personId" IS NOT NULL THEN 'Person' ELSE 'Organization' END,
      coalesce(new."personId", new."organizationId"), new."normalizedName");
END;

CREATE TRIGGER "name_Alias_update" AFTER UPDATE ON "Alias" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 3;
  INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
    SELECT new.id * 4 + 3, CASE WHEN new."personId" IS NOT NULL THEN 'Person' ELSE 'Organization' END,
      coalesce(new."personId", new."organizationId"), new."normalizedName"
    WHERE new."personId" IS NOT NULL OR new."organizationId" IS NOT NULL;
END;

CREATE TRIGGER "name_Alias_delete" AFTER DELETE ON "Alias" BEGIN
  DELETE FROM "name_trigram" WHERE rowid = old.id * 4 + 3;
END;

-- Rows that existed before this migration.
INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
  SELECT id * 4 + 1, 'Person', id, "normalizedName" FROM "Person";
INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
  SELECT id * 4 + 2, 'Organization', id, "normalizedName" FROM "Organization";
INSERT INTO "name_trigram" (rowid, kind, entity_id, name)
  SELECT id * 4 + 3, CASE WHEN "personId" IS NOT NULL THEN 'Person' ELSE 'Organization' END,
    coalesce("personId", "organizationId"), "normalizedName"
  FROM "Alias" WHERE "personId" IS NOT NULL OR "organizationId" IS NOT NULL;
