-- The simulator's evidence per cell gains latency (whole ms summed per rollup row), and CallTaskSize keeps the
-- evidence at each exact size (every call, shadow calls and retries included: calls, latency, labels, answered
-- output), so a threshold inside a context bucket is judged on each side's own labels and latency.
-- AlterTable
ALTER TABLE "CallRollup" ADD COLUMN     "latencyMsSum" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CallRollupDay" ADD COLUMN     "latencyMsSum" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CallTaskSize" ADD COLUMN     "answered" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "answeredOutputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "calls" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "failure" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "latencyMsSum" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "success" BIGINT NOT NULL DEFAULT 0;

-- Rebuilt from the stored calls (lib/ingest/rebuild.ts as of this migration).
DELETE FROM "CallRollup";
DELETE FROM "CallRollupDay";
DELETE FROM "CallTaskSize";

WITH counters AS (
  SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", count(*) AS calls, count(*) FILTER (WHERE "attempt" = 1) AS tasks, sum("inputTokens") AS "inputTokens",
         sum("outputTokens") AS "outputTokens", COALESCE(sum("cachedTokens"), 0) AS "cachedTokens",
         COALESCE(sum("reasoningTokens"), 0) AS "reasoningTokens", COALESCE(sum("costNanos"), 0) AS "costNanos",
         count(*) FILTER (WHERE "costNanos" IS NULL) AS unpriced, count(eff) AS labeled,
         count(*) FILTER (WHERE eff = 1) AS success, count(*) FILTER (WHERE eff = 0) AS failure,
         count(*) FILTER (WHERE "status" = 1) AS errors, count(*) FILTER (WHERE "errorType" = 'malformed_output') AS malformed,
         count(ttft) AS streamed, COALESCE(sum("inputTokens") FILTER (WHERE "attempt" = 1), 0) AS "taskInputTokens",
         COALESCE(sum("outputTokens") FILTER (WHERE "attempt" = 1), 0) AS "taskOutputTokens",
         COALESCE(sum(floor(lat + 0.5)), 0) AS "latencyMsSum"
  FROM (
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", "model" AS "model", "shadowOf" IS NOT NULL AS "shadow",
      width_bucket("contextTokens", ARRAY[251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001])::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
      "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
      "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE true ) k GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"),
escalations AS (
  SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", count(*) AS escalations FROM (
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", "escalatedFrom" AS "model", "shadowOf" IS NOT NULL AS "shadow",
      width_bucket("contextTokens", ARRAY[251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001])::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
      "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
      "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE true AND "attempt" > 1 AND "escalatedFrom" IS NOT NULL) k GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"),
lat AS (
    SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", jsonb_object_agg(b::text, n) AS h FROM (
 SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", sy_hist_bucket(lat) AS b, count(*) AS n FROM (
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", "model" AS "model", "shadowOf" IS NOT NULL AS "shadow",
      width_bucket("contextTokens", ARRAY[251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001])::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
      "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
      "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE true ) k WHERE true GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", b
    ) x GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"),
ttft AS (
    SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", jsonb_object_agg(b::text, n) AS h FROM (
 SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", sy_hist_bucket(ttft) AS b, count(*) AS n FROM (
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", "model" AS "model", "shadowOf" IS NOT NULL AS "shadow",
      width_bucket("contextTokens", ARRAY[251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001])::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
      "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
      "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE true ) k WHERE ttft IS NOT NULL GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", b
    ) x GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"),
tps AS (
    SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", jsonb_object_agg(b::text, n) AS h FROM (
 SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", sy_hist_bucket("outputTokens" / ((lat - ttft) / 1000)) AS b, count(*) AS n FROM (
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", "model" AS "model", "shadowOf" IS NOT NULL AS "shadow",
      width_bucket("contextTokens", ARRAY[251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001])::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
      "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
      "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE true ) k WHERE ttft IS NOT NULL AND lat - ttft > 0 AND "outputTokens" > 0 GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", b
    ) x GROUP BY "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount")
INSERT INTO "CallRollup" ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", "calls", "tasks", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", "unpriced", "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed", "taskInputTokens", "taskOutputTokens", "latencyMsSum", "latencyHist", "ttftHist", "tpsHist")
SELECT "teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount", COALESCE(c."calls", 0), COALESCE(c."tasks", 0), COALESCE(c."inputTokens", 0), COALESCE(c."outputTokens", 0), COALESCE(c."cachedTokens", 0), COALESCE(c."reasoningTokens", 0), COALESCE(c."costNanos", 0), COALESCE(c."unpriced", 0), COALESCE(c."labeled", 0), COALESCE(c."success", 0), COALESCE(c."failure", 0), COALESCE(c."errors", 0), COALESCE(c."malformed", 0), COALESCE(e.escalations, 0), COALESCE(c."streamed", 0), COALESCE(c."taskInputTokens", 0), COALESCE(c."taskOutputTokens", 0), COALESCE(c."latencyMsSum", 0),
       COALESCE(lat.h, '{}'), COALESCE(ttft.h, '{}'), COALESCE(tps.h, '{}')
FROM counters c FULL JOIN escalations e USING ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount") LEFT JOIN lat USING ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount") LEFT JOIN ttft USING ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount") LEFT JOIN tps USING ("teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount");

INSERT INTO "CallRollupDay" ("teamSeq", "day", "taskType", "model", "shadow", "calls", "tasks", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", "unpriced", "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed", "taskInputTokens", "taskOutputTokens", "latencyMsSum", "latencyHist", "ttftHist", "tpsHist")
SELECT "teamSeq", date_trunc('day', "hour", 'UTC'), "taskType", "model", "shadow",
       sum("calls"), sum("tasks"), sum("inputTokens"), sum("outputTokens"), sum("cachedTokens"), sum("reasoningTokens"), sum("costNanos"), sum("unpriced"), sum("labeled"), sum("success"), sum("failure"), sum("errors"), sum("malformed"), sum("escalations"), sum("streamed"), sum("taskInputTokens"), sum("taskOutputTokens"), sum("latencyMsSum"), sy_hist_sum("latencyHist"), sy_hist_sum("ttftHist"), sy_hist_sum("tpsHist")
FROM "CallRollup" WHERE true GROUP BY 1, 2, 3, 4, 5;

INSERT INTO "CallTaskSize" ("teamSeq", "contextTokens", "day", "taskType", "model", "toolCount", "tasks", "inputTokens", "outputTokens",
                            "calls", "latencyMsSum", "answered", "answeredOutputTokens", "success", "failure")
SELECT "teamSeq", "contextTokens", date_trunc('day', "ts", 'UTC'), "taskType", "model", least("toolCount", 32767),
       count(*) FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), COALESCE(sum("inputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
       COALESCE(sum("outputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
       count(*), sum(floor("latencyMs"::float8 + 0.5)), count(*) FILTER (WHERE "status" <> 1), COALESCE(sum("outputTokens") FILTER (WHERE "status" <> 1), 0),
       count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1), count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)
FROM "Call" WHERE true GROUP BY 1, 2, 3, 4, 5, 6;
