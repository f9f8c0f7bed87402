-- CreateTable
CREATE TABLE "Country" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "iso2" TEXT NOT NULL,
    "iso3" TEXT NOT NULL,
    "description" TEXT,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Person" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Person_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Organization_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Role" (
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
    CONSTRAINT "Role_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Role_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Role_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alias" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    CONSTRAINT "Alias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alias_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alias_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExternalId" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scheme" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    CONSTRAINT "ExternalId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExternalId_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExternalId_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Source" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "publishedOn" DATETIME,
    "publishedPrecision" TEXT,
    "language" TEXT,
    "text" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Statement" (
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Statement_speakerPersonId_fkey" FOREIGN KEY ("speakerPersonId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Statement_speakerOrganizationId_fkey" FOREIGN KEY ("speakerOrganizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StatementSubject" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "statementId" INTEGER NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    "stance" TEXT,
    CONSTRAINT "StatementSubject_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatementSubject_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatementSubject_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatementSubject_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
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
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Meeting_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingParticipant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    CONSTRAINT "MeetingParticipant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingParticipant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attestation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sourceId" INTEGER NOT NULL,
    "statementId" INTEGER,
    "meetingId" INTEGER,
    "excerpt" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attestation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attestation_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attestation_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Country_iso2_key" ON "Country"("iso2");

-- CreateIndex
CREATE UNIQUE INDEX "Country_iso3_key" ON "Country"("iso3");

-- CreateIndex
CREATE INDEX "Country_normalizedName_idx" ON "Country"("normalizedName");

-- CreateIndex
CREATE INDEX "Person_countryId_id_idx" ON "Person"("countryId", "id");

-- CreateIndex
CREATE INDEX "Person_normalizedName_idx" ON "Person"("normalizedName");

-- CreateIndex
CREATE INDEX "Organization_countryId_id_idx" ON "Organization"("countryId", "id");

-- CreateIndex
CREATE INDEX "Organization_normalizedName_idx" ON "Organization"("normalizedName");

-- CreateIndex
CREATE INDEX "Role_personId_id_idx" ON "Role"("personId", "id");

-- CreateIndex
CREATE INDEX "Role_countryId_id_idx" ON "Role"("countryId", "id");

-- CreateIndex
CREATE INDEX "Role_organizationId_id_idx" ON "Role"("organizationId", "id");

-- CreateIndex
CREATE INDEX "Alias_normalizedName_idx" ON "Alias"("normalizedName");

-- CreateIndex
CREATE UNIQUE INDEX "Alias_personId_normalizedName_key" ON "Alias"("personId", "normalizedName");

-- CreateIndex
CREATE UNIQUE INDEX "Alias_countryId_normalizedName_key" ON "Alias"("countryId", "normalizedName");

-- CreateIndex
CREATE UNIQUE INDEX "Alias_organizationId_normalizedName_key" ON "Alias"("organizationId", "normalizedName");

-- CreateIndex
CREATE INDEX "ExternalId_personId_idx" ON "ExternalId"("personId");

-- CreateIndex
CREATE INDEX "ExternalId_countryId_idx" ON "ExternalId"("countryId");

-- CreateIndex
CREATE INDEX "ExternalId_organizationId_idx" ON "ExternalId"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "ExternalId_scheme_value_key" ON "ExternalId"("scheme", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Source_url_key" ON "Source"("url");

-- CreateIndex
CREATE UNIQUE INDEX "Source_contentHash_key" ON "Source"("contentHash");

-- CreateIndex
CREATE INDEX "Source_publishedOn_id_idx" ON "Source"("publishedOn", "id");

-- CreateIndex
CREATE INDEX "Statement_speakerPersonId_id_idx" ON "Statement"("speakerPersonId", "id");

-- CreateIndex
CREATE INDEX "Statement_speakerOrganizationId_id_idx" ON "Statement"("speakerOrganizationId", "id");

-- CreateIndex
CREATE INDEX "Statement_occurredOn_id_idx" ON "Statement"("occurredOn", "id");

-- CreateIndex
CREATE INDEX "StatementSubject_personId_statementId_idx" ON "StatementSubject"("personId", "statementId");

-- CreateIndex
CREATE INDEX "StatementSubject_countryId_statementId_idx" ON "StatementSubject"("countryId", "statementId");

-- CreateIndex
CREATE INDEX "StatementSubject_organizationId_statementId_idx" ON "StatementSubject"("organizationId", "statementId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementSubject_statementId_personId_key" ON "StatementSubject"("statementId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementSubject_statementId_countryId_key" ON "StatementSubject"("statementId", "countryId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementSubject_statementId_organizationId_key" ON "StatementSubject"("statementId", "organizationId");

-- CreateIndex
CREATE INDEX "Meeting_countryId_id_idx" ON "Meeting"("countryId", "id");

-- CreateIndex
CREATE INDEX "Meeting_occurredOn_id_idx" ON "Meeting"("occurredOn", "id");

-- CreateIndex
CREATE INDEX "MeetingParticipant_personId_meetingId_idx" ON "MeetingParticipant"("personId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingParticipant_meetingId_personId_key" ON "MeetingParticipant"("meetingId", "personId");

-- CreateIndex
CREATE INDEX "Attestation_statementId_idx" ON "Attestation"("statementId");

-- CreateIndex
CREATE INDEX "Attestation_meetingId_idx" ON "Attestation"("meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "Attestation_sourceId_statementId_key" ON "Attestation"("sourceId", "statementId");

-- CreateIndex
CREATE UNIQUE INDEX "Attestation_sourceId_meetingId_key" ON "Attestation"("sourceId", "meetingId");
