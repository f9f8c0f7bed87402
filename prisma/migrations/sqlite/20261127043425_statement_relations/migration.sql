-- CreateTable
CREATE TABLE "StatementRelation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "statementId" INTEGER NOT NULL,
    "targetId" INTEGER NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "StatementRelation_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StatementRelation_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "Statement" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StatementRelation_targetId_kind_idx" ON "StatementRelation"("targetId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "StatementRelation_statementId_targetId_kind_key" ON "StatementRelation"("statementId", "targetId", "kind");
