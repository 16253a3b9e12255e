// Recomputes rollups (hourly and daily) from the stored calls in SQL: the repair path and how the
// analytics benchmark builds rollups for calls it bulk-loads. Must agree with what ingest maintains
// (tests/integration/rebuild.integration.test.ts). The analytics migration holds rebuildSql("all") as it
// was then; applied migrations are frozen (lib/migrate.ts checks), so a change to the rollups that needs
// a rebuild gets a new migration holding the new statements.
import { sqlTransaction } from "@/lib/db";
import { CONTEXT_BOUNDS, COUNTERS } from "@/lib/rollups/batch";

const KEY = `"teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"`;
const BOUNDS = `ARRAY[${CONTEXT_BOUNDS.join(", ")}]`;

/** The statements that rebuild one team's rollups and task sizes ($1 = its seq) or every team's; the tables must be empty of them. */
export function rebuildSql(scope: "team" | "all"): string[] {
  const teamFilter = scope === "team" ? `"teamSeq" = $1` : "true";
  // One row per call with its rollup key; `model` is replaced by escalatedFrom for the escalation counts.
  const keyed = (model: string, where = "") => `
    SELECT "teamSeq", date_trunc('hour', "ts", 'UTC') AS "hour", "taskType", ${model} AS "model", "shadowOf" IS NOT NULL AS "shadow",
           width_bucket("contextTokens", ${BOUNDS})::int2 AS "contextBucket", least("toolCount", 32767)::int2 AS "toolCount",
           "attempt", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", COALESCE("traceOutcome", "outcome") AS eff,
           "status", "errorType", "latencyMs"::float8 AS lat, "ttftMs"::float8 AS ttft
    FROM "Call" WHERE ${teamFilter} ${where}`;
  const hist = (value: string, where: string) => `
    SELECT ${KEY}, jsonb_object_agg(b::text, n) AS h FROM (
      SELECT ${KEY}, sy_hist_bucket(${value}) AS b, count(*) AS n FROM (${keyed(`"model"`)}) k WHERE ${where} GROUP BY ${KEY}, b
    ) x GROUP BY ${KEY}`;
  const counters = COUNTERS.map((c) => `"${c}"`).join(", ");
  return [
    `WITH counters AS (
       SELECT ${KEY}, count(*) AS calls, count(*) FILTER (WHERE "attempt" = 1) AS tasks, sum("inputTokens") AS "inputTokens",
              sum("outputTokens") AS "outputTokens", COALESCE(sum("cachedTokens"), 0) AS "cachedTokens",
              COALESCE(sum("reasoningTokens"), 0) AS "reasoningTokens", COALESCE(sum("costNanos"), 0) AS "costNanos",
              count(*) FILTER (WHERE "costNanos" IS NULL) AS unpriced, count(eff) AS labeled,
              count(*) FILTER (WHERE eff = 1) AS success, count(*) FILTER (WHERE eff = 0) AS failure,
              count(*) FILTER (WHERE "status" = 1 AND "errorType" IS DISTINCT FROM 'aborted') AS errors, count(*) FILTER (WHERE "errorType" = 'malformed_output') AS malformed,
              count(ttft) AS streamed, COALESCE(sum("inputTokens") FILTER (WHERE "attempt" = 1), 0) AS "taskInputTokens",
              COALESCE(sum("outputTokens") FILTER (WHERE "attempt" = 1), 0) AS "taskOutputTokens",
              COALESCE(sum(floor(lat + 0.5)), 0) AS "latencyMsSum"
       FROM (${keyed(`"model"`)}) k GROUP BY ${KEY}),
     escalations AS (
       SELECT ${KEY}, count(*) AS escalations FROM (${keyed(`"escalatedFrom"`, `AND "attempt" > 1 AND "escalatedFrom" IS NOT NULL`)}) k GROUP BY ${KEY}),
     lat AS (${hist("lat", "true")}),
     ttft AS (${hist("ttft", "ttft IS NOT NULL")}),
     tps AS (${hist(`"outputTokens" / ((lat - ttft) / 1000)`, `ttft IS NOT NULL AND lat - ttft > 0 AND "outputTokens" > 0`)})
     INSERT INTO "CallRollup" (${KEY}, ${counters}, "latencyHist", "ttftHist", "tpsHist")
     SELECT ${KEY}, ${COUNTERS.map((c) => (c === "escalations" ? `COALESCE(e.escalations, 0)` : `COALESCE(c."${c}", 0)`)).join(", ")},
            COALESCE(lat.h, '{}'), COALESCE(ttft.h, '{}'), COALESCE(tps.h, '{}')
     FROM counters c FULL JOIN escalations e USING (${KEY}) LEFT JOIN lat USING (${KEY}) LEFT JOIN ttft USING (${KEY}) LEFT JOIN tps USING (${KEY})`,
    `INSERT INTO "CallRollupDay" ("teamSeq", "day", "taskType", "model", "shadow", ${counters}, "latencyHist", "ttftHist", "tpsHist")
     SELECT "teamSeq", date_trunc('day', "hour", 'UTC'), "taskType", "model", "shadow",
            ${COUNTERS.map((c) => `sum("${c}")`).join(", ")}, sy_hist_sum("latencyHist"), sy_hist_sum("ttftHist"), sy_hist_sum("tpsHist")
     FROM "CallRollup" WHERE ${teamFilter} GROUP BY 1, 2, 3, 4, 5`,
    `INSERT INTO "CallTaskSize" ("teamSeq", "contextTokens", "day", "taskType", "model", "toolCount", "tasks", "inputTokens", "outputTokens",
                                 "calls", "latencyMsSum", "answered", "answeredOutputTokens", "success", "failure")
     SELECT "teamSeq", "contextTokens", date_trunc('day', "ts", 'UTC'), "taskType", "model", least("toolCount", 32767),
            count(*) FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), COALESCE(sum("inputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
            COALESCE(sum("outputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
            count(*), sum(floor("latencyMs"::float8 + 0.5)), count(*) FILTER (WHERE "status" <> 1), COALESCE(sum("outputTokens") FILTER (WHERE "status" <> 1), 0),
            count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1), count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)
     FROM "Call" WHERE ${teamFilter} GROUP BY 1, 2, 3, 4, 5, 6`,
  ];
}

export async function rebuildRollups(teamSeq: number) {
  await sqlTransaction(async (tx) => {
    await tx.query(`DELETE FROM "CallRollup" WHERE "teamSeq" = $1`, [teamSeq]);
    await tx.query(`DELETE FROM "CallRollupDay" WHERE "teamSeq" = $1`, [teamSeq]);
    await tx.query(`DELETE FROM "CallTaskSize" WHERE "teamSeq" = $1`, [teamSeq]);
    for (const statement of rebuildSql("team")) await tx.query(statement, [teamSeq]);
  });
}
