// The API-key gate for /api/v1: turns an Authorization header into a checked TeamId and a scope.
import type { KeyScope } from "@prisma/client";
import { findKeyByHash } from "@/lib/api-keys/data";
import { touchApiKey } from "@/lib/api-keys/mutations";
import { hashKeySecret, sameHash } from "@/lib/api-keys/secret";
import { checkedTeamId, type TeamId } from "@/lib/auth/team-id";
import { unauthorized } from "@/lib/http/errors";

export type KeyAuth = { teamId: TeamId; scope: KeyScope; keyId: string };

export async function authenticateApiKey(authorization: string | null): Promise<KeyAuth> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) throw unauthorized("Send your API key as 'Authorization: Bearer <key>'.");
  const hash = hashKeySecret(match[1]);
  const key = await findKeyByHash(hash);
  if (!key || !sameHash(key.secretHash, hash)) throw unauthorized("This API key is not valid.");
  if (key.revokedAt) throw unauthorized("This API key has been revoked.");
  await touchApiKey(key.id, key.lastUsedAt);
  return { teamId: checkedTeamId(key.teamId), scope: key.scope, keyId: key.id };
}
