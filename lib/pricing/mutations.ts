// Catalog edits. A change to a model's prices queues the re-pricing of that model's stored calls (and
// their rollups) from its effective date (lib/pricing/reprice.ts), so costs follow the catalog: an
// unknown model is priced once added. Callers start the job (repriceInBackground) after the edit.
import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import { notFound } from "@/lib/http/errors";
import { lockForPrices } from "@/lib/ingest/locks";
import type { Tx } from "@/lib/ingest/sql";
import { DEFAULT_EFFECTIVE_FROM, DEFAULT_PRICES } from "@/lib/pricing/catalog";
import { dollarsToMicros } from "@/lib/pricing/money";
import { queueReprice } from "@/lib/pricing/reprice";
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

async function lockCatalog(tx: Tx, teamId: TeamId) {
  const [{ seq }] = await tx.query<{ seq: number }>(`SELECT "seq" FROM "Team" WHERE "id" = $1`, [teamId]);
  await lockForPrices(tx, seq);
  return seq;
}

export async function setPrice(teamId: TeamId, actorId: string | null, input: PriceInput) {
  await sqlTransaction(async (tx) => {
    const seq = await lockCatalog(tx, teamId);
    await tx.query(
      `INSERT INTO "ModelPrice" ("id", "teamId", "model", "effectiveFrom", "inputMicros", "outputMicros", "cachedInputMicros")
       VALUES ($1, $2, $3, $4::timestamptz, $5::int8, $6::int8, $7::int8)
       ON CONFLICT ("teamId", "model", "effectiveFrom") DO UPDATE SET
         "inputMicros" = EXCLUDED."inputMicros", "outputMicros" = EXCLUDED."outputMicros", "cachedInputMicros" = EXCLUDED."cachedInputMicros"`,
      [crypto.randomUUID(), teamId, input.model, input.effectiveFrom.toISOString(), String(input.input), String(input.output), input.cachedInput === null ? null : String(input.cachedInput)],
    );
    await queueReprice(tx, seq, input.model, input.effectiveFrom);
    await writeAudit(tx, teamId, actorId, "price.set", { model: input.model, effectiveFrom: input.effectiveFrom.toISOString(), input: String(input.input), output: String(input.output) });
  });
}

export async function deletePrice(teamId: TeamId, actorId: string, priceId: string) {
  await sqlTransaction(async (tx) => {
    const seq = await lockCatalog(tx, teamId);
    const [price] = await tx.query<{ model: string; effectiveFrom: Date }>(
      `DELETE FROM "ModelPrice" WHERE "id" = $1 AND "teamId" = $2 RETURNING "model", "effectiveFrom"`,
      [priceId, teamId],
    );
    if (!price) throw notFound("That price is not in this team's catalog.");
    await queueReprice(tx, seq, price.model, new Date(price.effectiveFrom));
    await writeAudit(tx, teamId, actorId, "price.delete", { model: price.model, effectiveFrom: new Date(price.effectiveFrom).toISOString() });
  });
}
