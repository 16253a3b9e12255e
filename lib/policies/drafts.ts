// Drafts and the team's policy settings (gate floor, suggest tolerance): writes.
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { notFound } from "@/lib/http/errors";

export async function saveDraft(teamId: TeamId, userId: string, draft: { id?: string; name: string; policy: Policy }) {
  if (draft.id) {
    const { count } = await db().policyDraft.updateMany({ where: { id: draft.id, teamId }, data: { name: draft.name, policy: draft.policy } });
    if (count === 0) throw notFound("This draft no longer exists.");
    return draft.id;
  }
  return (await db().policyDraft.create({ data: { teamId, name: draft.name, policy: draft.policy, createdBy: userId } })).id;
}

export async function deleteDraft(teamId: TeamId, id: string) {
  await db().policyDraft.deleteMany({ where: { id, teamId } });
}

export async function setPolicySettings(teamId: TeamId, actorId: string, settings: { successFloor: number | null; suggestTolerance: number }) {
  await db().$transaction([
    db().team.update({ where: { id: teamId }, data: settings }),
    db().auditEntry.create({ data: { teamId, actorId, action: "policy.settings", detail: settings } }),
  ]);
}
