// Catalog edits. A change to a model's prices re-prices that model's stored calls (and their rollups)
// in the same transaction, so costs always follow the catalog: an unknown model is priced once added.
import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import { notFound } from "@/lib/http/errors";
import { RollupBatch } from "@/lib/ingest/rollup";
import { writeRollups } from "@/lib/ingest/rollup-sql";
import { lockForPrices } from "@/lib/ingest/locks";
import type { Tx } from "@/lib/ingest/sql";
import { DEFAULT_EFFECTIVE_FROM, DEFAULT_PRICES } from "@/lib/pricing/catalog";
import { dollarsToMicros } from "@/lib/pricing/money";
import type { PriceInput } from "@/lib/pricing/schema";

export async function seedDefaultPrices(tx: Prisma.TransactionClient, teamId: string) {
  await tx.modelPrice.createMany({
    data: DEFAULT_PRICES.map((p) => ({
      teamId, model: p.model, effectiveFrom: DEFAULT_EFFECTIVE_FROM,
      inputMicros: dollarsToMicros(p.input)!, outputMicros: dollarsToMicros(p.output)!, cachedInputMicros: dollarsToMicros(p.cachedInput),
    })),
    skipDuplicates: true,
  });
}

type CostChange = { hourNo: string; taskType: string; shadow: boolean; contextTokens: number; toolCount: number; costDelta: string; unpricedDelta: string };

/** Re-prices every stored call of `model` from the catalog; returns how many calls changed. */
async function repriceModel(tx: Tx, teamId: TeamId, model: string) {
  const [{ seq }] = await tx.query<{ seq: number }>(`SELECT "seq" FROM "Team" WHERE "id" = $1`, [teamId]);
  await lockForPrices(tx, seq);
  // Same arithmetic as lib/pricing/cost.ts: micro-dollars per 1M tokens × tokens / 1000, rounded half up.
  const changes = await tx.query<CostChange>(
    `WITH p AS (
       SELECT "effectiveFrom", "inputMicros", "outputMicros", COALESCE("cachedInputMicros", "inputMicros") AS "cachedMicros"
       FROM "ModelPrice" WHERE "teamId" = $1 AND "model" = $2
     ), priced AS (
       SELECT c."id", c."costNanos" AS old, (
         SELECT ((c."inputTokens" - COALESCE(c."cachedTokens", 0))::int8 * p."inputMicros"
                 + COALESCE(c."cachedTokens", 0)::int8 * p."cachedMicros" + c."outputTokens"::int8 * p."outputMicros" + 500) / 1000
         FROM p WHERE p."effectiveFrom" <= c."ts" ORDER BY p."effectiveFrom" DESC LIMIT 1) AS new
       FROM "Call" c WHERE c."teamSeq" = $3 AND c."model" = $2
     ), changed AS (
       UPDATE "Call" c SET "costNanos" = priced.new FROM priced
       WHERE c."teamSeq" = $3 AND c."id" = priced."id" AND priced.old IS DISTINCT FROM priced.new
       RETURNING c."ts", c."taskType", c."shadowOf" IS NOT NULL AS shadow, c."contextTokens", c."toolCount", priced.old, priced.new
     )
     SELECT floor(extract(epoch FROM "ts") / 3600)::int8::text AS "hourNo", "taskType", shadow, "contextTokens", "toolCount",
            sum(COALESCE(new, 0) - COALESCE(old, 0))::text AS "costDelta",
            (count(*) FILTER (WHERE new IS NULL) - count(*) FILTER (WHERE old IS NULL))::text AS "unpricedDelta"
     FROM changed GROUP BY 1, 2, 3, 4, 5`,
    [teamId, model, seq],
  );
  const rollups = new RollupBatch();
  for (const c of changes) {
    const group = { ts: new Date(Number(c.hourNo) * 3_600_000), taskType: c.taskType, model, shadow: c.shadow, contextTokens: Number(c.contextTokens), toolCount: Number(c.toolCount) };
    rollups.changeCost(group, BigInt(c.costDelta), BigInt(c.unpricedDelta));
  }
  await writeRollups(tx, seq, rollups.sorted());
}

export async function setPrice(teamId: TeamId, actorId: string | null, input: PriceInput) {
  await sqlTransaction(async (tx) => {
    await tx.query(
      `INSERT INTO "ModelPrice" ("id", "teamId", "model", "effectiveFrom", "inputMicros", "outputMicros", "cachedInputMicros")
       VALUES ($1, $2, $3, $4::timestamptz, $5::int8, $6::int8, $7::int8)
       ON CONFLICT ("teamId", "model", "effectiveFrom") DO UPDATE SET
         "inputMicros" = EXCLUDED."inputMicros", "outputMicros" = EXCLUDED."outputMicros", "cachedInputMicros" = EXCLUDED."cachedInputMicros"`,
      [crypto.randomUUID(), teamId, input.model, input.effectiveFrom.toISOString(), String(input.input), String(input.output), input.cachedInput === null ? null : String(input.cachedInput)],
    );
    await repriceModel(tx, teamId, input.model);
    await writeAudit(tx, teamId, actorId, "price.set", { model: input.model, effectiveFrom: input.effectiveFrom.toISOString(), input: String(input.input), output: String(input.output) });
  });
}

export async function deletePrice(teamId: TeamId, actorId: string, priceId: string) {
  await sqlTransaction(async (tx) => {
    const [price] = await tx.query<{ model: string; effectiveFrom: Date }>(
      `DELETE FROM "ModelPrice" WHERE "id" = $1 AND "teamId" = $2 RETURNING "model", "effectiveFrom"`,
      [priceId, teamId],
    );
    if (!price) throw notFound("That price is not in this team's catalog.");
    await repriceModel(tx, teamId, price.model);
    await writeAudit(tx, teamId, actorId, "price.delete", { model: price.model, effectiveFrom: new Date(price.effectiveFrom).toISOString() });
  });
}
