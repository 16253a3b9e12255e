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

/** Price edits whose re-pricing is still running, with how far each got (0-1) through its span of time. */
export async function listRepricing(teamId: TeamId, now = new Date()) {
  const rows = await db().$queryRaw<{ model: string; fromTs: Date; toTs: Date | null; cursor: Date; repriced: bigint }[]>`
    SELECT j."model", j."fromTs", j."toTs", j."cursor", j."repriced"
    FROM "RepriceJob" j JOIN "Team" t ON t."seq" = j."teamSeq"
    WHERE t."id" = ${teamId} AND j."finishedAt" IS NULL ORDER BY j."createdAt"`;
  return rows.map((r) => {
    const end = Math.min((r.toTs ?? now).getTime(), now.getTime());
    const span = end - r.fromTs.getTime();
    const progress = span <= 0 ? 0 : Math.min(1, Math.max(0, (r.cursor.getTime() - r.fromTs.getTime()) / span));
    return { model: r.model, from: r.fromTs, progress, repriced: Number(r.repriced) };
  });
}
