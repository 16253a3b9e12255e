// The simulator's reads: the population of first attempts and the evidence by cell, from the hourly rollups
// where they are exact for the policy; where a threshold splits a context bucket, from the exact sizes of
// whole days (CallTaskSize) and the raw calls of the window's partial days; where a rule tests metadata, from
// the raw calls. For the off-policy estimate: labeled first attempts with their logged propensities and the
// policies that logged them.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { bucketRange } from "@/lib/simulate/plan";
import type { CellEvidence, Group } from "@/lib/simulate/compute";

/** First attempts that share every feature a rule tests (the population), with the evidence of every call there. */
export type SizeGroup = Group & { evidence: Omit<CellEvidence, "taskType" | "model" | "contextFrom" | "toolCount" | "meta"> };

/** int8 sums: pg reads them as text, PGlite as bigint; every use goes through Number(). */
type Int8 = string | bigint;
type Row = { taskType: string; model: string; ctx: number; toolCount: number; metadata: Record<string, string | null> | null; tasks: Int8; input: Int8; output: Int8;
  calls: Int8; latency: Int8; answered: Int8; answeredOutput: Int8; success: Int8; failure: Int8 };

/**
 * Runs one of the aggregate reads below with room to hash its groups: they fold ~100k rows into a few hundred
 * groups, which the planner (not knowing how few) otherwise sorts on disk under the default 4 MB work_mem:
 * 250-300 ms for the task sizes of 30 days on 10M calls, ~70 ms with this. Without parallel workers: the
 * simulator runs these reads side by side already, and extra workers only crowd the same cores.
 */
function aggregated<T>(query: Prisma.Sql): Promise<T[]> {
  // On the driver, not a Prisma transaction: those expire after 5 s, and a read over millions of raw calls
  // (a metadata rule on a large team) takes longer; it must come back slow, not as a 500.
  return sqlTransaction(async (tx) => {
    await tx.query(`SET LOCAL work_mem = '64MB'`);
    await tx.query(`SET LOCAL max_parallel_workers_per_gather = 0`);
    return tx.query<T>(query.text, query.values);
  });
}

const toGroup = (r: Row): SizeGroup => ({
  taskType: r.taskType, model: r.model, contextTokens: Number(r.ctx), toolCount: Number(r.toolCount),
  // A tested key the call lacks reads as JSON null: absent, as in the call.
  ...(r.metadata ? { metadata: Object.fromEntries(Object.entries(r.metadata).filter((e): e is [string, string] => e[1] !== null)) } : {}),
  tasks: Number(r.tasks), inputTokens: Number(r.input), outputTokens: Number(r.output),
  evidence: { calls: Number(r.calls), latencyMsSum: Number(r.latency), answered: Number(r.answered), outputTokens: Number(r.answeredOutput), success: Number(r.success), failure: Number(r.failure) },
});

/**
 * One read of the hourly rollups for both things the simulator takes from them, per task type, model,
 * context bucket and tool count: the population of production first attempts and the evidence by cell,
 * shadow calls included. Buckets a threshold splits are left to the exact reads below, for both.
 */
export async function getRollupCells(teamId: TeamId, from: Date, to: Date, skip: { buckets: number[]; taskTypes: string[] | null }) {
  const rows = await aggregated<{ taskType: string; model: string; bucket: number; toolCount: number; tasks: Int8; input: Int8; output: Int8; calls: Int8; latency: Int8; answered: Int8; outputAll: Int8; success: Int8; failure: Int8 }>(Prisma.sql`
    SELECT "taskType", "model", "contextBucket" AS bucket, "toolCount" AS "toolCount",
           sum("tasks") FILTER (WHERE NOT "shadow")::int8 AS tasks, sum("taskInputTokens") FILTER (WHERE NOT "shadow")::int8 AS input,
           sum("taskOutputTokens") FILTER (WHERE NOT "shadow")::int8 AS output,
           sum("calls")::int8 AS calls, sum("latencyMsSum")::int8 AS latency,
           (sum("calls") - sum("errors"))::int8 AS answered, sum("outputTokens")::int8 AS "outputAll", sum("success")::int8 AS success, sum("failure")::int8 AS failure
    FROM "CallRollup"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${to}
    GROUP BY 1, 2, 3, 4`);
  const kept = rows.filter((r) => !(skip.buckets.includes(Number(r.bucket)) && (!skip.taskTypes || skip.taskTypes.includes(r.taskType))));
  return {
    groups: kept.filter((r) => Number(r.tasks ?? 0) > 0).map((r): Group => ({
      taskType: r.taskType, model: r.model, contextTokens: bucketRange(Number(r.bucket))[0], toolCount: Number(r.toolCount),
      tasks: Number(r.tasks), inputTokens: Number(r.input), outputTokens: Number(r.output),
    })),
    cells: kept.map((r): CellEvidence => ({
      taskType: r.taskType, model: r.model, contextFrom: bucketRange(Number(r.bucket))[0], toolCount: Number(r.toolCount), calls: Number(r.calls), latencyMsSum: Number(r.latency), answered: Number(r.answered), outputTokens: Number(r.outputAll),
      success: Number(r.success), failure: Number(r.failure),
    })),
  };
}

/** The last segment start at or below a call's context size (plan.ts), as SQL. */
function segment(starts: number[]) {
  return Prisma.sql`CASE ${Prisma.join([...starts].reverse().map((s) => Prisma.sql`WHEN "contextTokens" >= ${s} THEN ${s}`), " ")} END`;
}

const ofTypes = (taskTypes: string[] | null) => (taskTypes ? Prisma.sql`AND "taskType" IN (${Prisma.join(taskTypes)})` : Prisma.empty);

/** The same for whole UTC days by context segment, for the given buckets and task types (CallTaskSize). */
export async function getTaskSizes(teamId: TeamId, dayFrom: Date, dayTo: Date, buckets: number[], starts: number[], taskTypes: string[] | null = null) {
  const rows = await aggregated<Row>(Prisma.sql`
    SELECT "taskType", "model", ${segment(starts)} AS ctx, "toolCount" AS "toolCount", NULL AS metadata,
           sum("tasks")::int8 AS tasks, sum("inputTokens")::int8 AS input, sum("outputTokens")::int8 AS output,
           sum("calls")::int8 AS calls, sum("latencyMsSum")::int8 AS latency, sum("answered")::int8 AS answered, sum("answeredOutputTokens")::int8 AS "answeredOutput", sum("success")::int8 AS success, sum("failure")::int8 AS failure
    FROM "CallTaskSize"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "day" >= ${dayFrom} AND "day" < ${dayTo} AND ${inBuckets(buckets)} ${ofTypes(taskTypes)}
    GROUP BY 1, 2, 3, 4`);
  return rows.map(toGroup);
}

function inBuckets(buckets: number[]) {
  const ranges = buckets.map((b) => bucketRange(b));
  return Prisma.sql`(${Prisma.join(ranges.map(([lo, hi]) => (Number.isFinite(hi) ? Prisma.sql`("contextTokens" >= ${lo} AND "contextTokens" < ${hi})` : Prisma.sql`"contextTokens" >= ${lo}`)), " OR ")})`;
}

/**
 * The same from the raw calls by context segment: for the given buckets, or all calls with their metadata.
 * As in CallTaskSize, the population counts production first attempts and the evidence every call.
 * `samplePercent`: read only that share of the table's pages (TABLESAMPLE SYSTEM), the same pages on every
 * run over the same rows (a fixed seed), so a simulation repeated gives the same answer.
 */
export async function getRawSizes(teamId: TeamId, from: Date, to: Date, starts: number[], only: { buckets: number[]; taskTypes: string[] | null } | { metadataKeys: string[] }, samplePercent?: number) {
  const buckets = "buckets" in only ? Prisma.sql`AND ${inBuckets(only.buckets)} ${ofTypes(only.taskTypes)}` : Prisma.empty;
  // Only the keys rules test: grouping by whole metadata objects made a group of nearly every call.
  const metadata = "metadataKeys" in only && only.metadataKeys.length
    ? Prisma.sql`jsonb_build_object(${Prisma.join(only.metadataKeys.map((k) => Prisma.sql`${k}::text, "metadata"->${k}::text`))})`
    : Prisma.sql`NULL::jsonb`;
  const task = Prisma.sql`"shadowOf" IS NULL AND "attempt" = 1`;
  const rows = await aggregated<Row>(Prisma.sql`
    SELECT "taskType", "model", ${segment(starts)} AS ctx, least("toolCount", 32767) AS "toolCount", ${metadata} AS metadata,
           count(*) FILTER (WHERE ${task})::int8 AS tasks, COALESCE(sum("inputTokens") FILTER (WHERE ${task}), 0)::int8 AS input,
           COALESCE(sum("outputTokens") FILTER (WHERE ${task}), 0)::int8 AS output,
           count(*)::int8 AS calls, COALESCE(sum(floor("latencyMs"::float8 + 0.5)), 0)::int8 AS latency, count(*) FILTER (WHERE "status" <> 1)::int8 AS answered, COALESCE(sum("outputTokens") FILTER (WHERE "status" <> 1), 0)::int8 AS "answeredOutput",
           count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1)::int8 AS success, count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)::int8 AS failure
    FROM "Call" ${samplePercent === undefined ? Prisma.empty : Prisma.sql`TABLESAMPLE SYSTEM (${samplePercent}::float4) REPEATABLE (0)`}
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} ${buckets}
    GROUP BY 1, 2, 3, 4, 5`);
  return rows.map(toGroup);
}

/**
 * Labeled production first attempts with a logged propensity, the latest `limit` in the window: the off-policy
 * estimate's sample. The SDK logs a propensity only on routed calls, which carry their policy version: the
 * condition on it lets the read use the index of routed calls. The label is the effective one (the trace's outcome where there is one).
 */
export async function getLoggedFirstAttempts(teamId: TeamId, from: Date, to: Date, limit: number) {
  return db().$queryRaw<{ taskType: string; model: string; contextTokens: number; toolCount: number; metadata: Record<string, string> | null; policyVersion: number | null; propensity: number; label: number }[]>`
    SELECT "taskType", "model", "contextTokens", "toolCount", "metadata", "policyVersion", "propensity",
           COALESCE("traceOutcome", "outcome") AS label
    FROM "Call"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} AND "shadowOf" IS NULL AND "attempt" = 1
      AND "policyVersion" IS NOT NULL AND "propensity" > 0 AND COALESCE("traceOutcome", "outcome") IS NOT NULL
    ORDER BY "ts" DESC
    LIMIT ${limit}`;
}

/** The published policies of the given versions, as stored. */
export async function getPolicyVersions(teamId: TeamId, versions: number[]) {
  if (!versions.length) return [];
  return db().$queryRaw<{ version: number; policy: unknown }[]>`
    SELECT "version", "policy" FROM "PolicyVersion" WHERE "teamId" = ${teamId} AND "version" IN (${Prisma.join(versions)})`;
}
