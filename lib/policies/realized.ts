// What a published version did: its calls (the SDK stamps each routed call with the version in force)
// from its publish until the next, per task type and in total. Read from the raw calls, bounded to the
// version's most recent REALIZED_SAMPLE production calls so the Policies page stays fast at any volume.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import type { Realized } from "@/lib/policies/projection";

export const REALIZED_SAMPLE = 50_000;

type Row = { taskType: string | null; tasks: bigint; calls: bigint; costNanos: bigint | null; unpriced: bigint; escalated: bigint; p50: number | null; labeled: bigint | null; success: bigint | null };

/**
 * Per task type (and `total`, taskType null). A task's success is its last attempt's label, so an
 * escalation that rescued a task counts as a success, as the projection counts it; cost is every attempt's.
 */
export async function getRealized(teamId: TeamId, version: number, from: Date, to: Date) {
  const rows = await db().$queryRaw<Row[]>`
    WITH s AS (
      SELECT "id", "parentId", "taskType", "attempt", "costNanos", "latencyMs", COALESCE("traceOutcome", "outcome") AS o
      FROM "Call"
      WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} AND "policyVersion" IS NOT NULL AND "policyVersion" = ${version} AND "shadowOf" IS NULL
      ORDER BY "ts" DESC LIMIT ${REALIZED_SAMPLE}
    ),
    calls AS (
      SELECT "taskType", count(*) FILTER (WHERE "attempt" = 1)::int8 AS tasks, count(*)::int8 AS calls, sum("costNanos")::int8 AS "costNanos",
             count(*) FILTER (WHERE "costNanos" IS NULL)::int8 AS unpriced, count(DISTINCT "parentId") FILTER (WHERE "attempt" > 1)::int8 AS escalated,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS p50
      FROM s GROUP BY GROUPING SETS (("taskType"), ())
    ),
    finals AS (
      SELECT DISTINCT ON (COALESCE("parentId", "id")) "taskType", o FROM s ORDER BY COALESCE("parentId", "id"), "attempt" DESC
    ),
    labels AS (
      SELECT "taskType", count(o)::int8 AS labeled, count(*) FILTER (WHERE o = 1)::int8 AS success
      FROM finals GROUP BY GROUPING SETS (("taskType"), ())
    )
    SELECT c.*, l.labeled, l.success FROM calls c LEFT JOIN labels l ON l."taskType" IS NOT DISTINCT FROM c."taskType"`;
  const toRealized = (r: Row): Realized => ({
    taskType: r.taskType ?? "", tasks: Number(r.tasks), labeled: Number(r.labeled ?? 0), success: Number(r.success ?? 0),
    costNanos: Number(r.costNanos ?? 0), unpriced: Number(r.unpriced), escalated: Number(r.escalated), latencyP50Ms: r.p50 === null ? null : Number(r.p50),
  });
  const total = rows.find((r) => r.taskType === null);
  return {
    byTaskType: rows.filter((r) => r.taskType !== null).map(toRealized),
    total: total ? toRealized(total) : null,
    calls: Number(total?.calls ?? 0),
    sampled: Number(total?.calls ?? 0) >= REALIZED_SAMPLE,
  };
}
