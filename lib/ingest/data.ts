import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";

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
