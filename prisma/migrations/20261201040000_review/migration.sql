-- The human review queue (issue 12): calls sampled per task type × model per day (shadow calls included)
-- and, if the team wants, every call an evaluator failed; each held by one reviewer at a time; every
-- review's verdict and the time spent on it, so review cost is measured rather than assumed.

ALTER TABLE "Team" ADD COLUMN "reviewPerDay" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "Team" ADD COLUMN "reviewEvaluatorFailures" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Team" ADD COLUMN "reviewerHourlyUsd" DOUBLE PRECISION;

CREATE TABLE "ReviewItem" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heldBy" TEXT,
    "heldAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("teamSeq", "callId")
);
CREATE INDEX "ReviewItem_open_idx" ON "ReviewItem"("teamSeq", "addedAt") WHERE "doneAt" IS NULL;

-- One per reviewed call: 1 pass, 0 fail; a skip is no verdict. `seconds` is the time the item was held
-- open before the verdict (capped, so a reviewer who walked away does not count an hour).
CREATE TABLE "Review" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "verdict" SMALLINT,
    "reason" TEXT,
    "seconds" DOUBLE PRECISION NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_pkey" PRIMARY KEY ("teamSeq", "callId")
);
CREATE INDEX "Review_teamSeq_at_idx" ON "Review"("teamSeq", "at");
