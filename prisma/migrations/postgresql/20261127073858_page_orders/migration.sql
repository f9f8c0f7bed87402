-- DropIndex
DROP INDEX "Statement_speakerPersonId_id_idx";

-- DropIndex
DROP INDEX "Statement_speakerOrganizationId_id_idx";

-- DropIndex
DROP INDEX "Meeting_countryId_id_idx";

-- CreateIndex
CREATE INDEX "Statement_speakerPersonId_occurredOn_id_idx" ON "Statement"("speakerPersonId", "occurredOn", "id");

-- CreateIndex
CREATE INDEX "Statement_speakerOrganizationId_occurredOn_id_idx" ON "Statement"("speakerOrganizationId", "occurredOn", "id");

-- CreateIndex
CREATE INDEX "Meeting_countryId_occurredOn_id_idx" ON "Meeting"("countryId", "occurredOn", "id");
