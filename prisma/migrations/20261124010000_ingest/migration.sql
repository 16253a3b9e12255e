-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "captureContent" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "seq" SERIAL NOT NULL;

-- CreateTable
CREATE TABLE "ModelPrice" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "effectiveFrom" TIMESTAMP(3) NOT NULL,
    "inputMicros" BIGINT NOT NULL,
    "outputMicros" BIGINT NOT NULL,
    "cachedInputMicros" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelPrice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "teamSeq" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "taskType" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "provider" TEXT,
    "inputTokens" INTEGER NOT NULL,
    "outputTokens" INTEGER NOT NULL,
    "cachedTokens" INTEGER,
    "reasoningTokens" INTEGER,
    "latencyMs" REAL NOT NULL,
    "ttftMs" REAL,
    "status" SMALLINT NOT NULL,
    "errorType" TEXT,
    "outcome" SMALLINT,
    "traceOutcome" SMALLINT,
    "outcomeReason" TEXT,
    "traceId" TEXT,
    "stepIndex" INTEGER,
    "contextTokens" INTEGER NOT NULL,
    "toolCount" SMALLINT NOT NULL,
    "toolCallCount" SMALLINT NOT NULL,
    "attempt" SMALLINT NOT NULL,
    "parentId" TEXT,
    "escalatedFrom" TEXT,
    "shadowOf" TEXT,
    "policyVersion" INTEGER,
    "ruleId" TEXT,
    "costNanos" BIGINT,
    "clientCostNanos" BIGINT,
    "metadata" JSONB,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("teamSeq","id")
);

-- CreateTable
CREATE TABLE "CallContent" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "input" TEXT,
    "output" TEXT,

    CONSTRAINT "CallContent_pkey" PRIMARY KEY ("teamSeq","callId")
);

-- CreateTable
CREATE TABLE "CallRollup" (
    "teamSeq" INTEGER NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "taskType" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "shadow" BOOLEAN NOT NULL,
    "contextBucket" SMALLINT NOT NULL,
    "toolCount" SMALLINT NOT NULL,
    "calls" BIGINT NOT NULL,
    "tasks" BIGINT NOT NULL,
    "inputTokens" BIGINT NOT NULL,
    "outputTokens" BIGINT NOT NULL,
    "cachedTokens" BIGINT NOT NULL,
    "reasoningTokens" BIGINT NOT NULL,
    "costNanos" BIGINT NOT NULL,
    "unpriced" BIGINT NOT NULL,
    "labeled" BIGINT NOT NULL,
    "success" BIGINT NOT NULL,
    "failure" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "malformed" BIGINT NOT NULL,
    "escalations" BIGINT NOT NULL,
    "streamed" BIGINT NOT NULL,
    "latencyHist" JSONB NOT NULL,
    "ttftHist" JSONB NOT NULL,
    "tpsHist" JSONB NOT NULL,

    CONSTRAINT "CallRollup_pkey" PRIMARY KEY ("teamSeq","hour","taskType","model","shadow","contextBucket","toolCount")
);

-- CreateTable
CREATE TABLE "PendingOutcome" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "outcome" SMALLINT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PendingOutcome_pkey" PRIMARY KEY ("teamSeq","callId")
);

-- CreateTable
CREATE TABLE "TraceOutcome" (
    "teamSeq" INTEGER NOT NULL,
    "traceId" TEXT NOT NULL,
    "outcome" SMALLINT NOT NULL,
    "reason" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TraceOutcome_pkey" PRIMARY KEY ("teamSeq","traceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModelPrice_teamId_model_effectiveFrom_key" ON "ModelPrice"("teamId", "model", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Call_teamSeq_ts_idx" ON "Call"("teamSeq", "ts");

-- CreateIndex
-- Partial: most calls have no trace, and they need no entry.
CREATE INDEX "Call_teamSeq_traceId_idx" ON "Call"("teamSeq", "traceId") WHERE "traceId" IS NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Team_seq_key" ON "Team"("seq");

-- AddForeignKey
ALTER TABLE "ModelPrice" ADD CONSTRAINT "ModelPrice_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Adds two sparse histograms {bucket: count}; used when rollup rows are upserted.
CREATE FUNCTION sy_hist_merge(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT COALESCE(jsonb_object_agg(k, n), '{}'::jsonb)
  FROM (
    SELECT k, sum(v) AS n
    FROM (
      SELECT key AS k, value::text::bigint AS v FROM jsonb_each(COALESCE(a, '{}'::jsonb))
      UNION ALL
      SELECT key, value::text::bigint FROM jsonb_each(COALESCE(b, '{}'::jsonb))
    ) parts
    GROUP BY k
    HAVING sum(v) <> 0
  ) merged
$$;
