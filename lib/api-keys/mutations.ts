import type { KeyScope } from "@prisma/client";
import { db, isUniqueViolation } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";
import { conflict, notFound } from "@/lib/http/errors";
import { announce, announceInProcess, subscribe } from "@/lib/notify/channel";
import { displayPrefix, generateKeySecret, hashKeySecret } from "@/lib/api-keys/secret";

type NewKey = { name: string; scope: KeyScope; secret?: string };

/** Creates a key and returns its secret, which is not stored and cannot be shown again. */
export async function createApiKey(teamId: TeamId, actorId: string | null, input: NewKey) {
  const secret = input.secret ?? generateKeySecret();
  const secretHash = hashKeySecret(secret);
  const key = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { teamId, name: input.name, scope: input.scope, prefix: displayPrefix(secret), secretHash, createdById: actorId },
      select: { id: true, name: true, scope: true, prefix: true, createdAt: true },
    });
    await tx.auditEntry.create({
      data: { teamId, actorId, action: "api_key.create", detail: { keyId: created.id, name: created.name, scope: created.scope } },
    });
    return created;
  }).catch((err: unknown) => {
    throw isUniqueViolation(err) ? conflict("This key secret is already in use.") : err;
  });
  return { ...key, secret };
}

/** Revokes a key: its next request fails, and its open policy streams on every instance are closed. */
export async function revokeApiKey(teamId: TeamId, actorId: string, keyId: string) {
  await db().$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: keyId, teamId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw notFound("No active key with that id in this team.");
    await tx.auditEntry.create({ data: { teamId, actorId, action: "api_key.revoke", detail: { keyId } } });
    await announce(tx, `key-revoked:${keyId}`, teamId);
  });
  announceInProcess(`key-revoked:${keyId}`, teamId);
}

/** Calls `onRevoked` when the key is revoked (from any instance); returns the unsubscribe function. */
export function onKeyRevoked(keyId: string, onRevoked: () => void) {
  return subscribe(`key-revoked:${keyId}`, onRevoked);
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Records use at most once a minute per key, so busy keys do not write on every request. */
export async function touchApiKey(keyId: string, lastUsedAt: Date | null) {
  const now = Date.now();
  if (lastUsedAt && now - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  await db().apiKey.updateMany({
    where: {
      id: keyId,
      OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_RESOLUTION_MS) } }],
    },
    data: { lastUsedAt: new Date(now) },
  });
}
