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

/** The newest stored call of a team (the install page waits for the first one). */
export async function getLatestCall(teamId: TeamId) {
  const [row] = await db().$queryRaw<{ id: string; ts: Date; taskType: string; model: string; latencyMs: number; inputTokens: number; outputTokens: number; cost: string | null }[]>`
    SELECT c."id", c."ts", c."taskType", c."model", c."latencyMs", c."inputTokens", c."outputTokens", c."costNanos"::text AS cost
    FROM "Call" c JOIN "Team" t ON t."seq" = c."teamSeq"
    WHERE t."id" = ${teamId}
    ORDER BY c."ts" DESC LIMIT 1`;
  return row ? { ...row, ts: new Date(row.ts), costNanos: row.cost === null ? null : BigInt(row.cost) } : null;
}

/** Whether a team has logged anything at all (pages show the install guide until it has). */
export async function hasTraffic(teamId: TeamId) {
  const rows = await db().$queryRaw<unknown[]>`
    SELECT 1 FROM "CallRollupDay" r JOIN "Team" t ON t."seq" = r."teamSeq" WHERE t."id" = ${teamId} LIMIT 1`;
  return rows.length > 0;
}
