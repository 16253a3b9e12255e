// Creating and changing evaluators. Every change is a new version (its verdicts are kept apart); the
// team's `evaluating` flag follows whether any evaluator is enabled, so ingest queues new calls only then.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction, type Sql } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import type { EvaluatorBody } from "@/lib/evaluators/schema";
import { notFound } from "@/lib/http/errors";

type By = { userId?: string; keyId?: string };

async function syncEvaluating(tx: Sql, teamId: TeamId) {
  await tx.query(`UPDATE "Team" SET "evaluating" = EXISTS (SELECT 1 FROM "Evaluator" WHERE "teamId" = $1 AND "enabled") WHERE "id" = $1`, [teamId]);
}

export async function createEvaluator(teamId: TeamId, by: By, body: EvaluatorBody) {
  const id = randomUUID();
  await sqlTransaction(async (tx) => {
    await tx.query(
      `INSERT INTO "Evaluator" ("id", "teamId", "name", "kind", "config", "scope", "sampleRate", "enabled", "version") VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, 1)`,
      [id, teamId, body.name, body.kind, JSON.stringify(body.config), JSON.stringify(body.scope), body.sampleRate, body.enabled],
    );
    await syncEvaluating(tx, teamId);
    await writeAudit(tx, teamId, by.userId ?? null, "evaluator.create", { id, name: body.name, kind: body.kind, ...(by.keyId ? { keyId: by.keyId } : {}) });
  });
  return { id, version: 1 };
}

/** Replaces an evaluator's definition as its next version. */
export async function updateEvaluator(teamId: TeamId, by: By, id: string, body: EvaluatorBody) {
  return sqlTransaction(async (tx) => {
    const [row] = await tx.query<{ version: number }>(`SELECT "version" FROM "Evaluator" WHERE "id" = $1 AND "teamId" = $2 FOR UPDATE`, [id, teamId]);
    if (!row) throw notFound(`This team has no evaluator ${id}.`);
    const version = Number(row.version) + 1;
    await tx.query(
      `UPDATE "Evaluator" SET "name" = $3, "kind" = $4, "config" = $5::jsonb, "scope" = $6::jsonb, "sampleRate" = $7, "enabled" = $8, "version" = $9, "updatedAt" = now()
       WHERE "id" = $1 AND "teamId" = $2`,
      [id, teamId, body.name, body.kind, JSON.stringify(body.config), JSON.stringify(body.scope), body.sampleRate, body.enabled, version],
    );
    await syncEvaluating(tx, teamId);
    await writeAudit(tx, teamId, by.userId ?? null, "evaluator.update", { id, version, ...(by.keyId ? { keyId: by.keyId } : {}) });
    return { id, version };
  });
}
