-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "successFloor" DOUBLE PRECISION,
ADD COLUMN     "suggestTolerance" DOUBLE PRECISION NOT NULL DEFAULT 0.02;

-- CreateTable
CREATE TABLE "PolicyDraft" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "createdBy" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PolicyDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PolicyDraft_teamId_updatedAt_idx" ON "PolicyDraft"("teamId", "updatedAt");

-- AddForeignKey
ALTER TABLE "PolicyDraft" ADD CONSTRAINT "PolicyDraft_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

