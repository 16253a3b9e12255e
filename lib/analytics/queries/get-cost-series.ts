// Production spend and calls per model in each local day (or hour) of the window. A team on UTC reads
// days from the day rows (the window's edge hours from the hourly rows); other zones' days are not UTC
// days, so they are summed from the hourly rows.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { rollupWindow, TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export async function getCostSeries(teamId: TeamId, from: Date, to: Date, zone: string, byHour: boolean) {
  const utcDays = !byHour && zone === "UTC";
  const source = utcDays
    ? Prisma.sql`${rollupWindow(teamId, from, to)} w WHERE NOT "shadow"`
    : Prisma.sql`"CallRollup" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${to} AND NOT "shadow"`;
  const time = utcDays ? Prisma.sql`"at"` : Prisma.sql`"hour"`;
  const bucket = byHour ? time : Prisma.sql`date_trunc('day', ${time}, ${zone})`;
  const rows = await db().$queryRaw<{ bucket: Date; model: string; cost: bigint; calls: bigint }[]>`
    SELECT ${bucket} AS bucket, "model", sum("costNanos")::int8 AS cost, sum("calls")::int8 AS calls
    FROM ${source}
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ bucket: new Date(r.bucket), model: r.model, costNanos: BigInt(r.cost), calls: Number(r.calls) }));
}
