// Success, errors, latency and cost of one task type's production calls per model in each local day (or
// hour) of the window, from the hourly rows; latency histograms are merged in JS (sy_hist_merge is not an aggregate).
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { mergeHistograms, type Histogram } from "@/lib/ingest/histogram";

export async function getQualitySeries(teamId: TeamId, from: Date, to: Date, zone: string, byHour: boolean, taskType: string) {
  const bucket = byHour ? Prisma.sql`"hour"` : Prisma.sql`date_trunc('day', "hour", ${zone})`;
  const rows = await db().$queryRaw<{ bucket: Date; model: string; calls: bigint; tasks: bigint; success: bigint; failure: bigint; errors: bigint; cost: bigint; unpriced: bigint; latency: Histogram[] }[]>`
    SELECT ${bucket} AS bucket, "model", sum("calls")::int8 AS calls, sum("tasks")::int8 AS tasks, sum("success")::int8 AS success,
           sum("failure")::int8 AS failure, sum("errors")::int8 AS errors, sum("costNanos")::int8 AS cost, sum("unpriced")::int8 AS unpriced,
           jsonb_agg("latencyHist") AS latency
    FROM "CallRollup"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${to} AND NOT "shadow" AND "taskType" = ${taskType}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({
    bucket: new Date(r.bucket), model: r.model, calls: Number(r.calls), tasks: Number(r.tasks), success: Number(r.success), failure: Number(r.failure),
    errors: Number(r.errors), costNanos: BigInt(r.cost), unpriced: Number(r.unpriced), latencyHist: r.latency.reduce((a, h) => mergeHistograms(a, h), {} as Histogram),
  }));
}
