// The team's OTLP task-type rules: read per export, saved from Settings (audited).
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { readRules, type TaskTypeRule } from "@/lib/otlp/rules";

export async function getTaskTypeRules(teamId: TeamId): Promise<TaskTypeRule[]> {
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { otlpTaskTypeRules: true } });
  return readRules(team.otlpTaskTypeRules);
}

export async function setTaskTypeRules(teamId: TeamId, actorId: string, rules: TaskTypeRule[]) {
  await db().$transaction([
    db().team.update({ where: { id: teamId }, data: { otlpTaskTypeRules: rules } }),
    db().auditEntry.create({ data: { teamId, actorId, action: "team.otlp_rules", detail: { rules: rules.length } } }),
  ]);
}
