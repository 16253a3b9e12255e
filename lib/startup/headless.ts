// Headless start-up (contracts §2): the user, team and keys named by SWITCHYARD_INIT_*, created once.
// Runs on every start; anything that already exists is left exactly as it is.
import type { KeyScope } from "@prisma/client";
import { env } from "@/lib/env";
import { findUserByEmail } from "@/lib/auth/data";
import { createUser } from "@/lib/auth/mutations";
import { checkedTeamId } from "@/lib/auth/team-id";
import { findOwnedTeamByName } from "@/lib/teams/data";
import { createTeam } from "@/lib/teams/mutations";
import { apiKeyExists } from "@/lib/api-keys/data";
import { createApiKey } from "@/lib/api-keys/mutations";
import { hashKeySecret } from "@/lib/api-keys/secret";

export type HeadlessResult = { email?: string; teamSlug?: string; created: string[] };

export async function applyHeadlessInit(): Promise<HeadlessResult> {
  const e = env();
  const keys: [KeyScope, string | undefined][] = [
    ["ingest", e.SWITCHYARD_INIT_INGEST_KEY],
    ["read", e.SWITCHYARD_INIT_READ_KEY],
    ["admin", e.SWITCHYARD_INIT_ADMIN_KEY],
  ];
  const wantsKeys = keys.some(([, secret]) => secret);
  const created: string[] = [];
  if (!e.SWITCHYARD_INIT_EMAIL) {
    if (e.SWITCHYARD_INIT_TEAM || wantsKeys) {
      throw new Error("SWITCHYARD_INIT_TEAM and SWITCHYARD_INIT_*_KEY need SWITCHYARD_INIT_EMAIL and SWITCHYARD_INIT_PASSWORD.");
    }
    return { created };
  }
  if (wantsKeys && !e.SWITCHYARD_INIT_TEAM) throw new Error("SWITCHYARD_INIT_*_KEY needs SWITCHYARD_INIT_TEAM.");

  let user: { id: string; email: string } | null = await findUserByEmail(e.SWITCHYARD_INIT_EMAIL);
  if (!user) {
    if (!e.SWITCHYARD_INIT_PASSWORD) throw new Error("SWITCHYARD_INIT_EMAIL needs SWITCHYARD_INIT_PASSWORD.");
    const made = await createUser({
      email: e.SWITCHYARD_INIT_EMAIL,
      password: e.SWITCHYARD_INIT_PASSWORD,
      teamName: e.SWITCHYARD_INIT_TEAM,
    });
    user = made.user;
    created.push(`user ${user.email}`, ...(e.SWITCHYARD_INIT_TEAM ? [`team ${made.team.slug}`] : []));
  }
  if (!e.SWITCHYARD_INIT_TEAM) return { email: user.email, created };

  let team = await findOwnedTeamByName(user.id, e.SWITCHYARD_INIT_TEAM);
  if (!team) {
    team = await createTeam(user.id, e.SWITCHYARD_INIT_TEAM);
    created.push(`team ${team.slug}`);
  }
  const teamId = checkedTeamId(team.id);
  for (const [scope, secret] of keys) {
    if (!secret || (await apiKeyExists(hashKeySecret(secret)))) continue;
    await createApiKey(teamId, user.id, { name: `Initial ${scope} key`, scope, secret });
    created.push(`${scope} key`);
  }
  return { email: user.email, teamSlug: team.slug, created };
}
