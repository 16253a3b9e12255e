// Publishing routing policies: a new version per publish (rollback republishes an old one), kept with the
// projection it was published on, recorded in the team's audit log, announced to every connected SDK
// (lib/policies/changes.ts).
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import { notFound } from "@/lib/http/errors";
import { announcePublish, announcePublishInProcess } from "@/lib/policies/changes";
import { checkGate, gateError, projectForPublish } from "@/lib/policies/gate";
import { projectionOf, type Projection } from "@/lib/policies/projection";
import type { Guard } from "@/lib/policies/schema";
import { ensureEvaluationJob } from "@/lib/alerts/job";

/** Who publishes: a member, an API key, or Switchyard itself (a guard rolling a version back). */
export type Publisher = { userId?: string; keyId?: string; system?: "guard" };

const publisherOf = (by: Publisher) => (by.system ? `system:${by.system}` : by.userId ?? (by.keyId ? `key:${by.keyId}` : null));

async function publish(teamId: TeamId, by: Publisher, policy: Policy, projection: Projection, message: string, action: string, extra: Record<string, unknown> = {}, guard: Guard | null = null) {
  const version = await sqlTransaction(async (tx) => {
    // One publisher at a time per team, so versions are consecutive.
    await tx.query(`SELECT pg_advisory_xact_lock(73103, hashtext($1))`, [teamId]);
    const [{ next }] = await tx.query<{ next: number }>(`SELECT COALESCE(max("version"), 0) + 1 AS next FROM "PolicyVersion" WHERE "teamId" = $1`, [teamId]);
    await tx.query(
      `INSERT INTO "PolicyVersion" ("teamId", "version", "policy", "message", "publishedBy", "projection", "guard") VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7::jsonb)`,
      [teamId, next, JSON.stringify(policy), message, publisherOf(by), JSON.stringify(projection), guard ? JSON.stringify(guard) : null],
    );
    await writeAudit(tx, teamId, by.userId ?? null, action, { version: next, message, ...(by.keyId ? { keyId: by.keyId } : {}), ...(guard ? { guard } : {}), ...extra });
    await announcePublish(tx, teamId, Number(next));
    return Number(next);
  });
  announcePublishInProcess(teamId, version);
  return version;
}

/**
 * Publishes an already validated policy as the next version, after the gate: below the floor it needs
 * `override` (the publisher's written reason), which is audited with what it overrode.
 */
export async function publishPolicy(teamId: TeamId, by: Publisher, policy: Policy, message: string, override?: string, guard?: Guard) {
  const result = await projectForPublish(teamId, policy);
  const violations = await checkGate(teamId, result);
  if (violations.length && !override?.trim()) throw gateError(violations);
  const version = await publish(teamId, by, policy, projectionOf(result), message, "policy.publish", violations.length ? { gateOverride: override!.trim(), violations } : {}, guard ?? null);
  // A guarded version is watched by the team's once-a-minute evaluation (lib/policies/guard.ts).
  if (guard) await ensureEvaluationJob(teamId);
  return version;
}

/** Republishes version `version` as a new version, with a fresh projection (the traffic has moved on). */
export async function rollbackPolicy(teamId: TeamId, by: Publisher, version: number, message?: string) {
  const row = await db().policyVersion.findUnique({ where: { teamId_version: { teamId, version } }, select: { policy: true } });
  if (!row) throw notFound(`This team has no policy version ${version}.`);
  const policy = row.policy as Policy;
  const projection = projectionOf(await projectForPublish(teamId, policy));
  return publish(teamId, by, policy, projection, message ?? `Rollback to version ${version}`, "policy.rollback");
}
