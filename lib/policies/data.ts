import type { Guard } from "@/lib/policies/schema";
import { DEFAULT_POLICY, policySchema, type Policy } from "@switchyard/sdk";
import { Prisma } from "@prisma/client";
import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";
import { readProjection } from "@/lib/policies/projection";

// jsonb does not keep key order; re-reading through the schema gives the schema's order back
// (defaultModel, rules, escalation, shadow), so the API and the page show policies as written.
// A version stored under an older schema is served as stored rather than failing.
function canonical(stored: unknown): Policy {
  const parsed = policySchema.safeParse(stored);
  return parsed.success ? parsed.data : (stored as Policy);
}

export type PublishedPolicy = { version: number; publishedAt: Date | null; policy: Policy };

/** The policy in force: the highest published version, or version 0 with the default policy. */
export async function getPublishedPolicy(teamId: TeamId): Promise<PublishedPolicy> {
  const latest = await db().policyVersion.findFirst({ where: { teamId }, orderBy: { version: "desc" } });
  if (!latest) return { version: 0, publishedAt: null, policy: DEFAULT_POLICY };
  return { version: latest.version, publishedAt: latest.publishedAt, policy: canonical(latest.policy) };
}

/** The team's settings an SDK follows unless the app says otherwise (lib/policies/format.ts says how they travel). */
export async function getSdkSettings(teamId: TeamId) {
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { captureContent: true } });
  return { captureContent: team.captureContent };
}

type VersionRow = { version: number; message: string; publishedAt: Date; policy: unknown; publishedBy: string | null; projection: unknown; guard: unknown };

/** Versions as shown: the publisher's email (or "API key"), the policy in schema order, the stored projection. */
async function describeVersions(teamId: TeamId, rows: VersionRow[]) {
  const [users, overrides] = await Promise.all([
    db().user.findMany({
      where: { id: { in: rows.flatMap((r) => (r.publishedBy && !/^(key|system):/.test(r.publishedBy) ? [r.publishedBy] : [])) } },
      select: { id: true, email: true },
    }),
    // A publish past the success floor is audited with the publisher's written reason: the history shows it.
    db().$queryRaw<{ version: number; reason: string }[]>`
      SELECT ("detail"->>'version')::int AS version, "detail"->>'gateOverride' AS reason FROM "AuditEntry"
      WHERE "teamId" = ${teamId} AND "action" = 'policy.publish' AND "detail" ? 'gateOverride'
        AND ("detail"->>'version')::int IN (${Prisma.join(rows.length ? rows.map((r) => r.version) : [-1])})`,
  ]);
  const emails = new Map(users.map((u) => [u.id, u.email]));
  const reasons = new Map(overrides.map((o) => [Number(o.version), o.reason]));
  return rows.map((r) => ({
    version: r.version, message: r.message, publishedAt: r.publishedAt, policy: canonical(r.policy), projection: readProjection(r.projection),
    by: r.publishedBy === "system:guard" ? "Switchyard (guard)" : r.publishedBy?.startsWith("key:") ? "API key" : (emails.get(r.publishedBy ?? "") ?? "unknown"),
    gateOverride: reasons.get(r.version) ?? null,
    guard: (r.guard as Guard | null) ?? null,
  }));
}

export async function listPolicyVersions(teamId: TeamId, take = 50) {
  return describeVersions(teamId, await db().policyVersion.findMany({ where: { teamId }, orderBy: { version: "desc" }, take }));
}

/** One version and when the next one replaced it (null while it is in force); null when there is no such version. */
export async function getPolicyVersion(teamId: TeamId, version: number) {
  const [row, next] = await Promise.all([
    db().policyVersion.findUnique({ where: { teamId_version: { teamId, version } } }),
    version < 2_147_483_647 ? db().policyVersion.findUnique({ where: { teamId_version: { teamId, version: version + 1 } }, select: { publishedAt: true } }) : null,
  ]);
  if (!row) return null;
  const [described] = await describeVersions(teamId, [row]);
  return { ...described, replacedAt: next?.publishedAt ?? null };
}

export async function listDrafts(teamId: TeamId) {
  const rows = await db().policyDraft.findMany({ where: { teamId }, orderBy: { updatedAt: "desc" }, take: 50 });
  return rows.map((d) => ({ id: d.id, name: d.name, updatedAt: d.updatedAt, policy: canonical(d.policy) }));
}

export async function getDraft(teamId: TeamId, id: string) {
  const d = await db().policyDraft.findFirst({ where: { teamId, id } });
  return d ? { id: d.id, name: d.name, updatedAt: d.updatedAt, policy: canonical(d.policy) } : null;
}

/** The gate floor (null: off) and the tolerance Suggest allows. */
export async function getPolicySettings(teamId: TeamId) {
  return db().team.findUniqueOrThrow({ where: { id: teamId }, select: { successFloor: true, suggestTolerance: true } });
}
