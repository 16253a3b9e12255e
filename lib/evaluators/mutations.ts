// Creating and changing evaluators. Every change is a new version (its verdicts are kept apart); the
// team's `evaluating` flag follows whether any evaluator is enabled, so ingest queues new calls only then.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction, type Sql } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import type { EvaluatorBody } from "@/lib/evaluators/schema";
import { encryptApiKey } from "@/lib/evaluators/secret";
import { notFound } from "@/lib/http/errors";

type By = { userId?: string; keyId?: string };

const KEEP = Symbol("keep the stored key");

/**
 * The config to store: a judge's `apiKey` sealed as `apiKeyEncrypted` (secret.ts), or KEEP when the body
 * left it out (a change keeps the stored key). Sealing reads the instance secret through Prisma, so it runs
 * before the transaction (PGlite runs one at a time).
 */
async function sealConfig(id: string, body: EvaluatorBody): Promise<{ config: Record<string, unknown>; key: string | null | typeof KEEP }> {
  if (body.kind !== "llm_judge") return { config: body.config, key: null };
  const { apiKey, ...config } = body.config as { apiKey?: string | null };
  if (apiKey === undefined) return { config, key: KEEP };
  return { config, key: apiKey === null ? null : await encryptApiKey(id, apiKey) };
}

async function syncEvaluating(tx: Sql, teamId: TeamId) {
  await tx.query(`UPDATE "Team" SET "evaluating" = EXISTS (SELECT 1 FROM "Evaluator" WHERE "teamId" = $1 AND "enabled") WHERE "id" = $1`, [teamId]);
}

export async function createEvaluator(teamId: TeamId, by: By, body: EvaluatorBody) {
  const id = randomUUID();
  const { config, key } = await sealConfig(id, body);
  const stored = typeof key === "string" ? { ...config, apiKeyEncrypted: key } : config;
  await sqlTransaction(async (tx) => {
    await tx.query(
      `INSERT INTO "Evaluator" ("id", "teamId", "name", "kind", "config", "scope", "sampleRate", "enabled", "version") VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, 1)`,
      [id, teamId, body.name, body.kind, JSON.stringify(stored), JSON.stringify(body.scope), body.sampleRate, body.enabled],
    );
    await syncEvaluating(tx, teamId);
    await writeAudit(tx, teamId, by.userId ?? null, "evaluator.create", { id, name: body.name, kind: body.kind, ...(by.keyId ? { keyId: by.keyId } : {}) });
  });
  return { id, version: 1 };
}

/** Replaces an evaluator's definition as its next version. */
export async function updateEvaluator(teamId: TeamId, by: By, id: string, body: EvaluatorBody) {
  const { config, key } = await sealConfig(id, body);
  return sqlTransaction(async (tx) => {
    const [row] = await tx.query<{ version: number; kind: string; sealed: string | null }>(
      `SELECT "version", "kind", "config"->>'apiKeyEncrypted' AS sealed FROM "Evaluator" WHERE "id" = $1 AND "teamId" = $2 FOR UPDATE`, [id, teamId]);
    if (!row) throw notFound(`This team has no evaluator ${id}.`);
    const version = Number(row.version) + 1;
    const sealed = key === KEEP ? (row.kind === "llm_judge" ? row.sealed : null) : key;
    const stored = sealed ? { ...config, apiKeyEncrypted: sealed } : config;
    await tx.query(
      `UPDATE "Evaluator" SET "name" = $3, "kind" = $4, "config" = $5::jsonb, "scope" = $6::jsonb, "sampleRate" = $7, "enabled" = $8, "version" = $9, "updatedAt" = now()
       WHERE "id" = $1 AND "teamId" = $2`,
      [id, teamId, body.name, body.kind, JSON.stringify(stored), JSON.stringify(body.scope), body.sampleRate, body.enabled, version],
    );
    await syncEvaluating(tx, teamId);
    // Who changed a judge's key is worth knowing; the key itself never goes in the log.
    const apiKey = body.kind !== "llm_judge" ? {} : { apiKey: key === KEEP ? (sealed ? "kept" : "none") : key ? "replaced" : "removed" };
    await writeAudit(tx, teamId, by.userId ?? null, "evaluator.update", { id, version, ...apiKey, ...(by.keyId ? { keyId: by.keyId } : {}) });
    return { id, version };
  });
}

/** Turns an evaluator on or off without a new version: its definition, and so its verdicts, stay the same. */
export async function setEvaluatorEnabled(teamId: TeamId, by: By, id: string, enabled: boolean) {
  await sqlTransaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(`UPDATE "Evaluator" SET "enabled" = $3, "updatedAt" = now() WHERE "id" = $1 AND "teamId" = $2 RETURNING "id"`, [id, teamId, enabled]);
    if (!row) throw notFound(`This team has no evaluator ${id}.`);
    await syncEvaluating(tx, teamId);
    await writeAudit(tx, teamId, by.userId ?? null, enabled ? "evaluator.enable" : "evaluator.disable", { id, ...(by.keyId ? { keyId: by.keyId } : {}) });
  });
}
