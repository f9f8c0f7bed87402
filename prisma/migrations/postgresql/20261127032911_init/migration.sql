-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatePrecision" AS ENUM ('DAY', 'MONTH', 'YEAR');

-- CreateEnum
CREATE TYPE "StatementKind" AS ENUM ('QUOTE', 'PARAPHRASE', 'REPORT');

-- CreateEnum
CREATE TYPE "Stance" AS ENUM ('SUPPORTS', 'CRITICIZES', 'NEUTRAL', 'DENIES');

-- CreateEnum
CREATE TYPE "Verification" AS ENUM ('VERIFIED', 'EXTRACTED');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('TALKS', 'CALL', 'VISIT', 'SUMMIT', 'DISCUSSION', 'OTHER');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'HELD', 'CANCELLED');

-- CreateTable
CREATE TABLE "Country" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "iso2" TEXT NOT NULL,
    "iso3" TEXT NOT NULL,
    "description" TEXT,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Country_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "description" TEXT,
    "countryId" INTEGER,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Role" (
    "id" SERIAL NOT NULL,
    "personId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    "startDate" TIMESTAMP(3),
    "startPrecision" "DatePrecision",
    "endDate" TIMESTAMP(3),
    "endPrecision" "DatePrecision",
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alias" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "normalizedName" TEXT NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,

    CONSTRAINT "Alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalId" (
    "id" SERIAL NOT NULL,
    "scheme" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,

    CONSTRAINT "ExternalId_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Source" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "publishedOn" TIMESTAMP(3),
    "publishedPrecision" "DatePrecision",
    "language" TEXT,
    "text" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Statement" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "kind" "StatementKind" NOT NULL,
    "speakerPersonId" INTEGER,
    "speakerOrganizationId" INTEGER,
    "occurredOn" TIMESTAMP(3),
    "occurredPrecision" "DatePrecision",
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "verification" "Verification" NOT NULL DEFAULT 'VERIFIED',
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementSubject" (
    "id" SERIAL NOT NULL,
    "statementId" INTEGER NOT NULL,
    "personId" INTEGER,
    "countryId" INTEGER,
    "organizationId" INTEGER,
    "stance" "Stance",

    CONSTRAINT "StatementSubject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" SERIAL NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "status" "MeetingStatus" NOT NULL,
    "topic" TEXT,
    "placeName" TEXT,
    "countryId" INTEGER,
    "occurredOn" TIMESTAMP(3),
    "occurredPrecision" "DatePrecision",
    "confidence" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "verification" "Verification" NOT NULL DEFAULT 'VERIFIED',
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingParticipant" (
    "id" SERIAL NOT NULL,
    "meetingId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "MeetingParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attestation" (
    "id" SERIAL NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "statementId" INTEGER,
    "meetingId" INTEGER,
    "excerpt" TEXT NOT NULL,
    "startOffset" INTEGER NOT NULL,
    "endOffset" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attestation_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Role" ADD CONSTRAINT "Role_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alias" ADD CONSTRAINT "Alias_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExternalId" ADD CONSTRAINT "ExternalId_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_speakerPersonId_fkey" FOREIGN KEY ("speakerPersonId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_speakerOrganizationId_fkey" FOREIGN KEY ("speakerOrganizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSubject" ADD CONSTRAINT "StatementSubject_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSubject" ADD CONSTRAINT "StatementSubject_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSubject" ADD CONSTRAINT "StatementSubject_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSubject" ADD CONSTRAINT "StatementSubject_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_countryId_fkey" FOREIGN KEY ("countryId") REFERENCES "Country"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingParticipant" ADD CONSTRAINT "MeetingParticipant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attestation" ADD CONSTRAINT "Attestation_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attestation" ADD CONSTRAINT "Attestation_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attestation" ADD CONSTRAINT "Attestation_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;
