-- CreateTable
CREATE TABLE "ApiKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Change" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "apiKeyId" INTEGER,
    "via" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "rowId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT
);

-- CreateTable
CREATE TABLE "Redirect" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "entityType" TEXT NOT NULL,
    "fromId" INTEGER NOT NULL,
    "toId" INTEGER NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Country" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "iso2" TEXT NOT NULL,
    "iso3" TEXT NOT NULL,
    "description" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Country" ("description", "id", "iso2", "iso3", "name", "normalizedName", "recordedAt", "updatedAt") SELECT "description", "id", "iso2", "iso3", "name", "normalizedName", "recordedAt", "updatedAt" FROM "Country";
DROP TABLE "Country";
ALTER TABLE "new_Country" RENAME TO "Country";
CREATE UNIQUE INDEX "Country_iso2_key" ON "Country"("iso2");
CREATE UNIQUE INDEX "Country_iso3_key" ON "Country"("iso3");
CREATE INDEX "Country_normalizedName_idx" ON "Country"("normalizedName");
CREATE TABLE "new_Meeting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "topic" TEXT,
    "placeName" TEXT,
    "countryId" INTEGER,
    "occurredOn" DATETIME,
    "occurredPrecision" TEXT,
    "confidence" REAL NOT NULL DEFAULT 1,
    "verification" TEXT NOT NULL DEFAULT 'VERIFIED',
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Meeting" ("confidence", "countryId", "id", "kind", "occurredOn", "occurredPrecision", "placeName", "recordedAt", "status", "topic", "updatedAt", "verification") SELECT "confidence", "countryId", "id", "kind", "occurredOn", "occurredPrecision", "placeName", "recordedAt", "status", "topic", "updatedAt", "verification" FROM "Meeting";
DROP TABLE "Meeting";
ALTER TABLE "new_Meeting" RENAME TO "Meeting";
CREATE INDEX "Meeting_countryId_id_idx" ON "Meeting"("countryId", "id");
CREATE INDEX "Meeting_occurredOn_id_idx" ON "Meeting"("occurredOn", "id");
CREATE TABLE "new_Organization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organization_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Organization" ("countryId", "description", "id", "name", "normalizedName", "recordedAt", "updatedAt") SELECT "countryId", "description", "id", "name", "normalizedName", "recordedAt", "updatedAt" FROM "Organization";
DROP TABLE "Organization";
ALTER TABLE "new_Organization" RENAME TO "Organization";
CREATE INDEX "Organization_countryId_id_idx" ON "Organization"("countryId", "id");
CREATE INDEX "Organization_normalizedName_idx" ON "Organization"("normalizedName");
CREATE TABLE "new_Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Person" ("countryId", "description", "id", "name", "normalizedName", "recordedAt", "updatedAt") SELECT "countryId", "description", "id", "name", "normalizedName", "recordedAt", "updatedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE INDEX "Person_countryId_id_idx" ON "Person"("countryId", "id");
CREATE INDEX "Person_normalizedName_idx" ON "Person"("normalizedName");
CREATE TABLE "new_Role" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    "startDate" DATETIME,
    "startPrecision" TEXT,
    "endDate" DATETIME,
    "endPrecision" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Role_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Role_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Role_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Role" ("countryId", "endDate", "endPrecision", "id", "organizationId", "personId", "recordedAt", "startDate", "startPrecision", "title") SELECT "countryId", "endDate", "endPrecision", "id", "organizationId", "personId", "recordedAt", "startDate", "startPrecision", "title" FROM "Role";
DROP TABLE "Role";
ALTER TABLE "new_Role" RENAME TO "Role";
CREATE INDEX "Role_personId_id_idx" ON "Role"("personId", "id");
CREATE INDEX "Role_countryId_id_idx" ON "Role"("countryId", "id");
CREATE INDEX "Role_organizationId_id_idx" ON "Role"("organizationId", "id");
CREATE TABLE "new_Source" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "publishedOn" DATETIME,
    "publishedPrecision" TEXT,
    "language" TEXT,
    "text" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1
);
INSERT INTO "new_Source" ("contentHash", "id", "language", "publishedOn", "publishedPrecision", "publisher", "recordedAt", "text", "title", "url") SELECT "contentHash", "id", "language", "publishedOn", "publishedPrecision", "publisher", "recordedAt", "text", "title", "url" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE UNIQUE INDEX "Source_url_key" ON "Source"("url");
CREATE UNIQUE INDEX "Source_contentHash_key" ON "Source"("contentHash");
CREATE INDEX "Source_publishedOn_id_idx" ON "Source"("publishedOn", "id");
CREATE TABLE "new_Statement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "speakerPersonId" INTEGER,
    "speakerOrganizationId" INTEGER,
    "occurredOn" DATETIME,
    "occurredPrecision" TEXT,
    "confidence" REAL NOT NULL DEFAULT 1,
    "verification" TEXT NOT NULL DEFAULT 'VERIFIED',
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Statement_speakerPersonId_fkey" FOREIGN KEY ("speakerPersonId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Statement_speakerOrganizationId_fkey" FOREIGN KEY ("speakerOrganizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Statement" ("confidence", "id", "kind", "occurredOn", "occurredPrecision", "recordedAt", "speakerOrganizationId", "speakerPersonId", "text", "updatedAt", "verification") SELECT "confidence", "id", "kind", "occurredOn", "occurredPrecision", "recordedAt", "speakerOrganizationId", "speakerPersonId", "text", "updatedAt", "verification" FROM "Statement";
DROP TABLE "Statement";
ALTER TABLE "new_Statement" RENAME TO "Statement";
CREATE INDEX "Statement_speakerPersonId_id_idx" ON "Statement"("speakerPersonId", "id");
CREATE INDEX "Statement_speakerOrganizationId_id_idx" ON "Statement"("speakerOrganizationId", "id");
CREATE INDEX "Statement_occurredOn_id_idx" ON "Statement"("occurredOn", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "Change_entityType_entityId_id_idx" ON "Change"("entityType", "entityId", "id");

-- CreateIndex
CREATE INDEX "Change_operation_idx" ON "Change"("operation");

-- CreateIndex
CREATE INDEX "Redirect_entityType_toId_idx" ON "Redirect"("entityType", "toId");

-- CreateIndex
CREATE UNIQUE INDEX "Redirect_entityType_fromId_key" ON "Redirect"("entityType", "fromId");
