-- CreateEnum
CREATE TYPE "StatementRelationKind" AS ENUM ('DENIES', 'RETRACTS', 'CORRECTS');

-- CreateTable
CREATE TABLE "StatementRelation" (
    "id" SERIAL NOT NULL,
    "kind" "StatementRelationKind" NOT NULL,
    "statementId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementRelation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StatementRelation_targetId_kind_idx" ON "StatementRelation"("targetId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "StatementRelation_statementId_targetId_kind_key" ON "StatementRelation"("statementId", "targetId", "kind");

-- AddForeignKey
ALTER TABLE "StatementRelation" ADD CONSTRAINT "StatementRelation_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementRelation" ADD CONSTRAINT "StatementRelation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;
