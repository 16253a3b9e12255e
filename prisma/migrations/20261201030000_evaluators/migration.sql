-- Evaluators (issue 12, contracts §13): checks over captured calls whose verdicts become outcomes where
-- the app gave none; the durable job queue their backfills run on; the calls waiting to be evaluated.

-- Who set a call's outcome: NULL the app (or no outcome), 2 a human review, 3 an evaluator.
ALTER TABLE "Call" ADD COLUMN "outcomeSource" SMALLINT;

-- Kept in step with the team's enabled evaluators, so ingest knows without another query.
ALTER TABLE "Team" ADD COLUMN "evaluating" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "Evaluator" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "scope" JSONB NOT NULL,
    "sampleRate" DOUBLE PRECISION NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Evaluator_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Evaluator_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Evaluator_teamId_idx" ON "Evaluator"("teamId");

-- Every verdict, per evaluator version: 1 pass, 0 fail.
CREATE TABLE "Score" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "verdict" SMALLINT NOT NULL,
    "reason" TEXT,
    "costNanos" BIGINT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Score_pkey" PRIMARY KEY ("teamSeq", "callId", "evaluatorId", "version")
);
CREATE INDEX "Score_evaluatorId_idx" ON "Score"("evaluatorId");

-- Calls stored since the team enabled an evaluator, waiting for the worker (never evaluated on the ingest path).
CREATE TABLE "EvalPending" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    CONSTRAINT "EvalPending_pkey" PRIMARY KEY ("teamSeq", "callId")
);

-- The durable job queue: claimed with FOR UPDATE SKIP LOCKED under a lease, so a job survives restarts
-- and runs on one server instance at a time; a failed step retries with backoff.
CREATE TABLE "Job" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMPTZ(3),
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Job_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Job_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "Job_runnable_idx" ON "Job"("runAt") WHERE "state" IN ('queued', 'running');
CREATE INDEX "Job_teamId_createdAt_idx" ON "Job"("teamId", "createdAt");
