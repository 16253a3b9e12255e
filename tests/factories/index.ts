// Builders for integration tests. They go through the app's own mutations, so stored rows look real.
import crypto from "node:crypto";
import type { KeyScope, Role } from "@prisma/client";
import { db } from "@/lib/db";
import { createUser } from "@/lib/auth/mutations";
import { checkedTeamId } from "@/lib/auth/team-id";
import { createApiKey } from "@/lib/api-keys/mutations";

export const uniqueEmail = (label = "user") => `${label}-${crypto.randomBytes(4).toString("hex")}@example.test`;

/** A user with a team of their own (the sign-up path); returns the team id as the gate would. */
export async function makeOwner(teamName = "Team") {
  const { user, team } = await createUser({ email: uniqueEmail("owner"), password: "long-enough-pw", teamName });
  return { user, team: { ...team, id: checkedTeamId(team.id) } };
}

export async function addMember(teamId: string, role: Role) {
  const { user } = await createUser({ email: uniqueEmail(role), password: "long-enough-pw" });
  await db().membership.create({ data: { teamId, userId: user.id, role } });
  return user;
}

export async function makeKey(teamId: string, scope: KeyScope, actorId: string | null = null) {
  return createApiKey(checkedTeamId(teamId), actorId, { name: `${scope} key`, scope });
}

export function apiRequest(path: string, key?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  return new Request(`http://localhost${path}`, { ...init, headers });
}

let eventSeq = 0;

/** A valid CallEvent with sensible values; override any field. */
export function makeEvent(overrides: Record<string, unknown> = {}) {
  eventSeq += 1;
  return {
    id: `evt-${Date.now().toString(36)}-${eventSeq}`,
    timestamp: "2026-11-20T10:15:00Z",
    taskType: "classify",
    model: "gpt-5.4-mini",
    inputTokens: 800,
    outputTokens: 200,
    latencyMs: 900,
    ttftMs: 420,
    status: "ok",
    ...overrides,
  };
}
