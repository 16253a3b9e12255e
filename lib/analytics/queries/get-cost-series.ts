// Production spend and calls per model in each local day (or hour) of the window, from the hourly rows
// (the day rows are UTC days, which are not the team's days).
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export async function getCostSeries(teamId: TeamId, from: Date, to: Date, zone: string, byHour: boolean) {
  const bucket = byHour ? Prisma.sql`"hour"` : Prisma.sql`date_trunc('day', "hour", ${zone})`;
  const rows = await db().$queryRaw<{ bucket: Date; model: string; cost: bigint; calls: bigint }[]>`
    SELECT ${bucket} AS bucket, "model", sum("costNanos")::int8 AS cost, sum("calls")::int8 AS calls
    FROM "CallRollup"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${to} AND NOT "shadow"
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ bucket: new Date(r.bucket), model: r.model, costNanos: BigInt(r.cost), calls: Number(r.calls) }));
}
