// Recomputes a team's rollups (hourly and daily) from its stored calls in SQL: the repair path, and how the
// analytics benchmark builds rollups for calls it bulk-loads. Must agree with what ingest maintains
// (tests/integration/rebuild.integration.test.ts checks it does).
import { sqlTransaction } from "@/lib/db";
import { COUNTERS } from "@/lib/ingest/rollup";

const KEY = `"teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"`;
const BOUNDS = "ARRAY[250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 16000, 32000, 64000, 128000]";

// One row per call with its rollup key; `model` is replaced by escalatedFrom for the escalation counts.
const keyed = (model: string, where = "") => `
  SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", ${model} AS "model", "shadowOf" IS NOT NULL AS "shadow",
         width_bucket("contextTokens", ${BOUNDS})::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
         "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
         "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
  FROM "Call" WHERE "teamSeq" = $1 ${where}`;

const hist = (value: string, where: string) => `
  SELECT ${KEY}, jsonb_object_agg(b::text, n) AS h FROM (
    SELECT ${KEY}, sy_hist_bucket(${value}) AS b, count(*) AS n FROM (${keyed(`"model"`)}) k WHERE ${where} GROUP BY ${KEY}, b
  ) x GROUP BY ${KEY}`;

export async function rebuildRollups(teamSeq: number) {
  await sqlTransaction(async (tx) => {
    await tx.query(`DELETE FROM "CallRollup" WHERE "teamSeq" = $1`, [teamSeq]);
    await tx.query(`DELETE FROM "CallRollupDay" WHERE "teamSeq" = $1`, [teamSeq]);
    await tx.query(
      `WITH counters AS (
         SELECT ${KEY}, count(*) AS calls, count(*) FILTER (WHERE "attempt" = 1) AS tasks, sum("inputTokens") AS "inputTokens",
                sum("outputTokens") AS "outputTokens", COALESCE(sum("cachedTokens"), 0) AS "cachedTokens",
                COALESCE(sum("reasoningTokens"), 0) AS "reasoningTokens", COALESCE(sum("costNanos"), 0) AS "costNanos",
                count(*) FILTER (WHERE "costNanos" IS NULL) AS unpriced, count(eff) AS labeled,
                count(*) FILTER (WHERE eff = 1) AS success, count(*) FILTER (WHERE eff = 0) AS failure,
                count(*) FILTER (WHERE "status" = 1) AS errors, count(*) FILTER (WHERE "errorType" = 'malformed_output') AS malformed,
                count(ttft) AS streamed
         FROM (${keyed(`"model"`)}) k GROUP BY ${KEY}),
       escalations AS (
         SELECT ${KEY}, count(*) AS escalations FROM (${keyed(`"escalatedFrom"`, `AND "attempt" > 1 AND "escalatedFrom" IS NOT NULL`)}) k GROUP BY ${KEY}),
       lat AS (${hist("lat", "true")}),
       ttft AS (${hist("ttft", "ttft IS NOT NULL")}),
       tps AS (${hist(`"outputTokens" / ((lat - ttft) / 1000)`, `ttft IS NOT NULL AND lat - ttft > 0 AND "outputTokens" > 0`)})
       INSERT INTO "CallRollup" (${KEY}, ${COUNTERS.map((c) => `"${c}"`).join(", ")}, "latencyHist", "ttftHist", "tpsHist")
       SELECT ${KEY}, ${COUNTERS.map((c) => (c === "escalations" ? `COALESCE(e.escalations, 0)` : `COALESCE(c."${c}", 0)`)).join(", ")},
              COALESCE(lat.h, '{}'), COALESCE(ttft.h, '{}'), COALESCE(tps.h, '{}')
       FROM counters c FULL JOIN escalations e USING (${KEY}) LEFT JOIN lat USING (${KEY}) LEFT JOIN ttft USING (${KEY}) LEFT JOIN tps USING (${KEY})`,
      [teamSeq],
    );
    await tx.query(
      `INSERT INTO "CallRollupDay"
       SELECT "teamSeq", date_trunc('day', "hour", 'UTC'), "taskType", "model", "shadow",
              ${COUNTERS.map((c) => `sum("${c}")`).join(", ")}, sy_hist_sum("latencyHist"), sy_hist_sum("ttftHist"), sy_hist_sum("tpsHist")
       FROM "CallRollup" WHERE "teamSeq" = $1 GROUP BY 1, 2, 3, 4, 5`,
      [teamSeq],
    );
  });
}
