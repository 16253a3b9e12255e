// Publishing routing policies: a new version per publish (rollback republishes an old one), kept with the
// projection it was published on, recorded in the team's audit log, announced to every connected SDK
// (lib/policies/changes.ts).
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction, type Sql } from "@/lib/db";
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

type PublishOptions = {
  extra?: Record<string, unknown>;
  guard?: Guard | null;
  /** Publish only while this version is still the latest (else nothing happens and the result is null). */
  ifLatest?: number;
  /** More writes that commit or fail with the version. */
  also?: (tx: Sql, version: number) => Promise<void>;
};

async function publish(teamId: TeamId, by: Publisher, policy: Policy, projection: Projection, message: string, action: string, opts: PublishOptions = {}) {
  const { extra = {}, guard = null } = opts;
  const version = await sqlTransaction(async (tx) => {
    // One publisher at a time per team, so versions are consecutive.
    await tx.query(`SELECT pg_advisory_xact_lock(73103, hashtext($1))`, [teamId]);
    const [{ next }] = await tx.query<{ next: number }>(`SELECT COALESCE(max("version"), 0) + 1 AS next FROM "PolicyVersion" WHERE "teamId" = $1`, [teamId]);
    if (opts.ifLatest !== undefined && Number(next) !== opts.ifLatest + 1) return null;
    await tx.query(
      `INSERT INTO "PolicyVersion" ("teamId", "version", "policy", "message", "publishedBy", "projection", "guard") VALUES ($1, $2, $3::jsonb, $4, $5, $6::jsonb, $7::jsonb)`,
      [teamId, next, JSON.stringify(policy), message, publisherOf(by), JSON.stringify(projection), guard ? JSON.stringify(guard) : null],
    );
    await writeAudit(tx, teamId, by.userId ?? null, action, { version: next, message, ...(by.keyId ? { keyId: by.keyId } : {}), ...(guard ? { guard } : {}), ...extra });
    await opts.also?.(tx, Number(next));
    await announcePublish(tx, teamId, Number(next));
    return Number(next);
  });
  if (version !== null) announcePublishInProcess(teamId, version);
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
  const extra = violations.length ? { gateOverride: override!.trim(), violations } : {};
  const version = (await publish(teamId, by, policy, projectionOf(result), message, "policy.publish", { extra, guard }))!;
  // A guarded version is watched by the team's once-a-minute evaluation (lib/policies/guard.ts).
  if (guard) await ensureEvaluationJob(teamId);
  return version;
}

/** Republishes version `version` as a new version, with a fresh projection (the traffic has moved on). */
export async function rollbackPolicy(teamId: TeamId, by: Publisher, version: number, message?: string) {
  return (await republish(teamId, by, version, message ?? `Rollback to version ${version}`))!;
}

/**
 * The guard's rollback: only while the tripped version is still the latest (two evaluators never roll it
 * back twice), with the announcements of the trip written in the same transaction.
 */
export async function guardRollback(teamId: TeamId, tripped: number, to: number, message: string, also: PublishOptions["also"]) {
  return republish(teamId, { system: "guard" }, to, message, { ifLatest: tripped, also });
}

async function republish(teamId: TeamId, by: Publisher, version: number, message: string, opts: PublishOptions = {}) {
  const row = await db().policyVersion.findUnique({ where: { teamId_version: { teamId, version } }, select: { policy: true } });
  if (!row) throw notFound(`This team has no policy version ${version}.`);
  const policy = row.policy as Policy;
  const projection = projectionOf(await projectForPublish(teamId, policy));
  return publish(teamId, by, policy, projection, message, "policy.rollback", opts);
}
