// The task types and models a team has logged (for filter menus), from the day rollups.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export async function listDimensions(teamId: TeamId) {
  const rows = await db().$queryRaw<{ taskType: string; model: string }[]>`
    SELECT DISTINCT "taskType", "model" FROM "CallRollupDay" WHERE "teamSeq" = ${TEAM_SEQ(teamId)}`;
  return {
    taskTypes: [...new Set(rows.map((r) => r.taskType))].sort(),
    models: [...new Set(rows.map((r) => r.model))].sort(),
  };
}
