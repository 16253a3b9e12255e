-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC';

-- CreateTable
CREATE TABLE "CallRollupDay" (
    "teamSeq" INTEGER NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "taskType" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "shadow" BOOLEAN NOT NULL,
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

    CONSTRAINT "CallRollupDay_pkey" PRIMARY KEY ("teamSeq","day","taskType","model","shadow")
);

-- Sum of histograms over rows (rebuilding day rows from hourly rows, analytics).
CREATE AGGREGATE sy_hist_sum(jsonb) (SFUNC = sy_hist_merge, STYPE = jsonb, INITCOND = '{}');

-- Escalations now count on the row of the model that failed (escalatedFrom), not the one that took over.
UPDATE "CallRollup" SET "escalations" = 0 WHERE "escalations" <> 0;
INSERT INTO "CallRollup"
SELECT "teamSeq", date_trunc('hour', "ts", 'UTC'), "taskType", "escalatedFrom", "shadowOf" IS NOT NULL,
       width_bucket("contextTokens", ARRAY[250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 16000, 32000, 64000, 128000]),
       least("toolCount", 32767), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), 0, '{}', '{}', '{}'
FROM "Call" WHERE "attempt" > 1 AND "escalatedFrom" IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7
ON CONFLICT ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount")
DO UPDATE SET "escalations" = EXCLUDED."escalations";

-- Day rows for traffic stored before this table existed.
INSERT INTO "CallRollupDay"
SELECT "teamSeq", date_trunc('day', "hour", 'UTC'), "taskType", "model", "shadow",
       sum("calls"), sum("tasks"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("reasoningTokens"),
       sum("costNanos"), sum("unpriced"), sum("labeled"), sum("success"), sum("failure"), sum("errors"), sum("malformed"),
       sum("escalations"), sum("streamed"), sy_hist_sum("latencyHist"), sy_hist_sum("ttftHist"), sy_hist_sum("tpsHist")
FROM "CallRollup"
GROUP BY 1, 2, 3, 4, 5;

-- The histogram bucket of a value, as lib/ingest/histogram.ts computes it (rebuilding rollups in SQL).
CREATE FUNCTION sy_hist_bucket(v float8) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v >= 1 THEN ceil(ln(v) / ln(1.02::float8 / 0.98::float8) - 1e-9)::int + 1 ELSE 0 END
$$;
