// Production calls grouped by the value of one metadata key (feature, customer tier): the rollups have no
// metadata, so this reads the calls themselves, the window's latest BREAKDOWN_SAMPLE at most.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export const BREAKDOWN_SAMPLE = 20_000;
const KEY_SAMPLE = 5_000;

/**
 * The metadata keys of the window's latest calls, for the key menu. The window bounds the scan (without it
 * the planner expects every call and spends ~70 ms compiling the query).
 */
export async function listMetadataKeys(teamId: TeamId, from: Date, to: Date): Promise<string[]> {
  const rows = await db().$queryRaw<{ key: string }[]>`
    SELECT DISTINCT k AS key FROM (
      SELECT "metadata" FROM "Call" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} ORDER BY "ts" DESC LIMIT ${KEY_SAMPLE}
    ) c, jsonb_object_keys(CASE WHEN jsonb_typeof(c."metadata") = 'object' THEN c."metadata" ELSE '{}'::jsonb END) k ORDER BY 1 LIMIT 50`;
  return rows.map((r) => r.key);
}

export type BreakdownRow = {
  value: string | null; taskType: string | null; calls: number; tasks: number; costNanos: bigint; unpriced: number;
  success: number; failure: number; p50: number | null; p95: number | null;
};

/**
 * Per value × task type (counts, for success weighted by tasks) and per value (taskType null: exact
 * latency percentiles, nearest rank as everywhere). `sampled`: the window had more calls than were read.
 */
export async function getMetadataBreakdown(teamId: TeamId, from: Date, to: Date, key: string, limit = BREAKDOWN_SAMPLE) {
  // One scan: the latest limit + 1 calls, the extra one only telling whether there were more.
  const rows = await db().$queryRaw<(Omit<BreakdownRow, "calls" | "tasks" | "unpriced" | "success" | "failure" | "costNanos"> & Record<"calls" | "tasks" | "unpriced" | "success" | "failure" | "cost", bigint> & { more: boolean })[]>`
    WITH c AS (
      SELECT "metadata"->>${key} AS value, "taskType", "attempt", "costNanos", COALESCE("traceOutcome", "outcome") AS outcome, "latencyMs",
             row_number() OVER (ORDER BY "ts" DESC) AS rn
      FROM (SELECT * FROM "Call" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} AND "shadowOf" IS NULL ORDER BY "ts" DESC LIMIT ${limit + 1}) latest
    )
    SELECT value, "taskType", count(*)::int8 AS calls, count(*) FILTER (WHERE "attempt" = 1)::int8 AS tasks,
           COALESCE(sum("costNanos"), 0)::int8 AS cost, count(*) FILTER (WHERE "costNanos" IS NULL)::int8 AS unpriced,
           count(*) FILTER (WHERE outcome = 1)::int8 AS success, count(*) FILTER (WHERE outcome = 0)::int8 AS failure,
           CASE WHEN GROUPING("taskType") = 1 THEN percentile_disc(0.5) WITHIN GROUP (ORDER BY "latencyMs"::float8) END AS p50,
           CASE WHEN GROUPING("taskType") = 1 THEN percentile_disc(0.95) WITHIN GROUP (ORDER BY "latencyMs"::float8) END AS p95,
           (SELECT count(*) FROM c) > ${limit} AS more
    FROM c WHERE rn <= ${limit}
    GROUP BY GROUPING SETS ((value, "taskType"), (value))`;
  return {
    sampled: rows.some((r) => r.more),
    rows: rows.map((r): BreakdownRow => ({
      value: r.value, taskType: r.taskType, calls: Number(r.calls), tasks: Number(r.tasks), costNanos: BigInt(r.cost), unpriced: Number(r.unpriced),
      success: Number(r.success), failure: Number(r.failure), p50: r.p50 === null ? null : Number(r.p50), p95: r.p95 === null ? null : Number(r.p95),
    })),
  };
}
