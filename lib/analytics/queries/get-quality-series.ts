// Success, errors, latency and cost of one task type's production calls per model in each local day (or
// hour) of the window; latency histograms are merged in JS (sy_hist_sum, the SQL aggregate, is slower
// here). Where the team's days are UTC days (its zone at offset 0 on every day of the window), the day
// rows answer: about 30 rows a model for 30 days instead of 720 hourly ones or more.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { addDays, localDate, startOfLocalDay } from "@/lib/analytics/time-zone";
import { mergeHistograms, type Histogram } from "@/lib/rollups/histogram";

/** Every local day in [from, to) begins at a UTC midnight. */
export function utcDays(zone: string, from: Date, to: Date) {
  const last = localDate(new Date(to.getTime() - 1), zone);
  for (let d = localDate(from, zone); d <= last; d = addDays(d, 1)) {
    if (startOfLocalDay(d, zone).getTime() !== Date.parse(`${d}T00:00:00Z`)) return false;
  }
  return from.getTime() % 86_400_000 === 0 && to.getTime() % 86_400_000 === 0;
}

export async function getQualitySeries(teamId: TeamId, from: Date, to: Date, zone: string, byHour: boolean, taskType: string) {
  const days = !byHour && utcDays(zone, from, to);
  const source = days
    ? Prisma.sql`"day" AS bucket, * FROM "CallRollupDay" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "day" >= ${from} AND "day" < ${to}`
    : Prisma.sql`${byHour ? Prisma.sql`"hour"` : Prisma.sql`date_trunc('day', "hour", ${zone})`} AS bucket, * FROM "CallRollup"
                 WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${to}`;
  const rows = await db().$queryRaw<{ bucket: Date; model: string; calls: bigint; tasks: bigint; success: bigint; failure: bigint; errors: bigint; cost: bigint; unpriced: bigint; latency: Histogram[] }[]>`
    SELECT bucket, "model", sum("calls")::int8 AS calls, sum("tasks")::int8 AS tasks, sum("success")::int8 AS success,
           sum("failure")::int8 AS failure, sum("errors")::int8 AS errors, sum("costNanos")::int8 AS cost, sum("unpriced")::int8 AS unpriced,
           jsonb_agg("latencyHist") AS latency
    FROM (SELECT ${source} AND NOT "shadow" AND "taskType" = ${taskType}) r
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({
    bucket: new Date(r.bucket), model: r.model, calls: Number(r.calls), tasks: Number(r.tasks), success: Number(r.success), failure: Number(r.failure),
    errors: Number(r.errors), costNanos: BigInt(r.cost), unpriced: Number(r.unpriced), latencyHist: r.latency.reduce((a, h) => mergeHistograms(a, h), {} as Histogram),
  }));
}
