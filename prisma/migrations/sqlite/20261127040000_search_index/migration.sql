-- Full-text search (FTS5), outside Prisma's model: one document per searchable row, kept in sync
-- by triggers so that every write path keeps it current. rowid = id * 8 + kind code
-- (Person 1, Country 2, Organization 3, Statement 4, Meeting 5, Source 6).
CREATE VIRTUAL TABLE "search_fts" USING fts5(
  kind UNINDEXED, title, body,
  tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "search_Person_insert" AFTER INSERT ON "Person" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Person_update" AFTER UPDATE ON "Person" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Person_delete" AFTER DELETE ON "Person" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Country_insert" AFTER INSERT ON "Country" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Country_update" AFTER UPDATE ON "Country" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Country_delete" AFTER DELETE ON "Country" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Organization_insert" AFTER INSERT ON "Organization" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Organization_update" AFTER UPDATE ON "Organization" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Organization_delete" AFTER DELETE ON "Organization" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Statement_insert" AFTER INSERT ON "Statement" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Statement_update" AFTER UPDATE ON "Statement" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Statement_delete" AFTER DELETE ON "Statement" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Meeting_insert" AFTER INSERT ON "Meeting" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Meeting_update" AFTER UPDATE ON "Meeting" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Meeting_delete" AFTER DELETE ON "Meeting" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Source_insert" AFTER INSERT ON "Source" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 6;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 6, 'Source', r.title, ifnull(r.publisher, '') || ' ' || r.text
    FROM "Source" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Source_update" AFTER UPDATE ON "Source" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new.id) * 8 + 6;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 6, 'Source', r.title, ifnull(r.publisher, '') || ' ' || r.text
    FROM "Source" r WHERE r.id = (new.id);
END;

CREATE TRIGGER "search_Source_delete" AFTER DELETE ON "Source" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old.id) * 8 + 6;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 6, 'Source', r.title, ifnull(r.publisher, '') || ' ' || r.text
    FROM "Source" r WHERE r.id = (old.id);
END;

CREATE TRIGGER "search_Alias_insert" AFTER INSERT ON "Alias" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new."personId") * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (new."personId");
  DELETE FROM "search_fts" WHERE rowid = (new."countryId") * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (new."countryId");
  DELETE FROM "search_fts" WHERE rowid = (new."organizationId") * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (new."organizationId");
END;

CREATE TRIGGER "search_Alias_update" AFTER UPDATE ON "Alias" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old."personId") * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (old."personId");
  DELETE FROM "search_fts" WHERE rowid = (old."countryId") * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (old."countryId");
  DELETE FROM "search_fts" WHERE rowid = (old."organizationId") * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (old."organizationId");
  DELETE FROM "search_fts" WHERE rowid = (new."personId") * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (new."personId");
  DELETE FROM "search_fts" WHERE rowid = (new."countryId") * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (new."countryId");
  DELETE FROM "search_fts" WHERE rowid = (new."organizationId") * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (new."organizationId");
END;

CREATE TRIGGER "search_Alias_delete" AFTER DELETE ON "Alias" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old."personId") * 8 + 1;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '')
    FROM "Person" r WHERE r.id = (old."personId");
  DELETE FROM "search_fts" WHERE rowid = (old."countryId") * 8 + 2;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '')
    FROM "Country" r WHERE r.id = (old."countryId");
  DELETE FROM "search_fts" WHERE rowid = (old."organizationId") * 8 + 3;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '')
    FROM "Organization" r WHERE r.id = (old."organizationId");
END;

CREATE TRIGGER "search_Attestation_insert" AFTER INSERT ON "Attestation" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (new."statementId") * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (new."statementId");
  DELETE FROM "search_fts" WHERE rowid = (new."meetingId") * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (new."meetingId");
END;

CREATE TRIGGER "search_Attestation_update" AFTER UPDATE ON "Attestation" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old."statementId") * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (old."statementId");
  DELETE FROM "search_fts" WHERE rowid = (old."meetingId") * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (old."meetingId");
  DELETE FROM "search_fts" WHERE rowid = (new."statementId") * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (new."statementId");
  DELETE FROM "search_fts" WHERE rowid = (new."meetingId") * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (new."meetingId");
END;

CREATE TRIGGER "search_Attestation_delete" AFTER DELETE ON "Attestation" BEGIN
  DELETE FROM "search_fts" WHERE rowid = (old."statementId") * 8 + 4;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '')
    FROM "Statement" r WHERE r.id = (old."statementId");
  DELETE FROM "search_fts" WHERE rowid = (old."meetingId") * 8 + 5;
  INSERT INTO "search_fts" (rowid, kind, title, body)
    SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '')
    FROM "Meeting" r WHERE r.id = (old."meetingId");
END;

-- Rows that existed before this migration.
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 1, 'Person', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."personId" = r.id), ''), ifnull(r.description, '') FROM "Person" r;
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 2, 'Country', r.name || ' ' || r.iso2 || ' ' || r.iso3 || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."countryId" = r.id), ''), ifnull(r.description, '') FROM "Country" r;
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 3, 'Organization', r.name || ifnull(' ' || (SELECT group_concat(a.name, ' ') FROM "Alias" a WHERE a."organizationId" = r.id), ''), ifnull(r.description, '') FROM "Organization" r;
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 4, 'Statement', r.text, ifnull((SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."statementId" = r.id), '') FROM "Statement" r;
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 5, 'Meeting', ifnull(r.topic, ''), ifnull(r."placeName", '') || ifnull(' ' || (SELECT group_concat(x.excerpt, ' … ') FROM "Attestation" x WHERE x."meetingId" = r.id), '') FROM "Meeting" r;
INSERT INTO "search_fts" (rowid, kind, title, body)
  SELECT r.id * 8 + 6, 'Source', r.title, ifnull(r.publisher, '') || ' ' || r.text FROM "Source" r;
