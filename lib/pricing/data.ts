import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";
import type { Price } from "@/lib/pricing/cost";

export async function listPrices(teamId: TeamId): Promise<(Price & { id: string })[]> {
  return db().modelPrice.findMany({
    where: { teamId },
    orderBy: [{ model: "asc" }, { effectiveFrom: "desc" }],
    select: { id: true, model: true, effectiveFrom: true, inputMicros: true, outputMicros: true, cachedInputMicros: true },
  });
}

/** Models the team has calls for but no price at the calls' time, with how many calls wait. */
export async function listUnpricedModels(teamId: TeamId) {
  const rows = await db().$queryRaw<{ model: string; calls: bigint }[]>`
    SELECT r."model", sum(r."unpriced")::int8 AS calls
    FROM "CallRollup" r JOIN "Team" t ON t."seq" = r."teamSeq"
    WHERE t."id" = ${teamId}
    GROUP BY r."model" HAVING sum(r."unpriced") > 0
    ORDER BY calls DESC`;
  return rows.map((r) => ({ model: r.model, calls: Number(r.calls) }));
}
