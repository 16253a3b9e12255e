import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";

export async function listApiKeys(teamId: TeamId) {
  return db().apiKey.findMany({
    where: { teamId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, scope: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** Unscoped on purpose: this is how a request finds out which team its key belongs to. */
export async function findKeyByHash(secretHash: string) {
  return db().apiKey.findUnique({
    where: { secretHash },
    select: { id: true, teamId: true, scope: true, secretHash: true, revokedAt: true, lastUsedAt: true },
  });
}

export async function apiKeyExists(secretHash: string) {
  return (await db().apiKey.count({ where: { secretHash } })) > 0;
}

/** Whether the key still works (not revoked); for long-lived requests that authenticated earlier. */
export async function isKeyActive(keyId: string) {
  return (await db().apiKey.count({ where: { id: keyId, revokedAt: null } })) > 0;
}
