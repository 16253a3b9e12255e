// Composed analytics reads for the API and the pages; the SQL lives in queries/, the arithmetic in stats.ts.
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { toTaskTypeRow } from "@/lib/analytics/stats";

/** GET /api/v1/analytics/task-types rows: production calls only (shadow spend is evaluation spend). */
export async function getTaskTypeReport(teamId: TeamId, from: Date, to: Date) {
  const stats = await getModelStats(teamId, from, to);
  return stats.filter((s) => !s.shadow).map(toTaskTypeRow);
}
