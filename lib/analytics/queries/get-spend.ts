// Spend in a window, production and shadow (evaluation) apart.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { rollupWindow } from "@/lib/analytics/queries/rollup-window";

export async function getSpend(teamId: TeamId, from: Date, to: Date) {
  const [row] = await db().$queryRaw<{ production: bigint | null; shadow: bigint | null }[]>`
    SELECT sum("costNanos") FILTER (WHERE NOT "shadow")::int8 AS production, sum("costNanos") FILTER (WHERE "shadow")::int8 AS shadow
    FROM ${rollupWindow(teamId, from, to)} r`;
  return { productionNanos: BigInt(row?.production ?? 0), shadowNanos: BigInt(row?.shadow ?? 0) };
}
