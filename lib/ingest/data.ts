import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";

/** Everything a team has logged, from the rollups: calls (shadow included), spend and time span. */
export async function getTrafficTotals(teamId: TeamId) {
  const [row] = await db().$queryRaw<{ calls: bigint | null; cost: bigint | null; unpriced: bigint | null; first: Date | null; last: Date | null }[]>`
    SELECT sum(r."calls")::int8 AS calls, sum(r."costNanos")::int8 AS cost, sum(r."unpriced")::int8 AS unpriced,
           min(r."hour") AS first, max(r."hour") AS last
    FROM "CallRollup" r JOIN "Team" t ON t."seq" = r."teamSeq"
    WHERE t."id" = ${teamId}`;
  return {
    calls: Number(row?.calls ?? 0),
    costNanos: BigInt(row?.cost ?? 0),
    unpriced: Number(row?.unpriced ?? 0),
    first: row?.first ? new Date(row.first) : null,
    last: row?.last ? new Date(row.last) : null,
  };
}
