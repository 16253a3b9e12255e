// Success of each step of traced runs, per model: from the raw calls (rollups have no step dimension),
// bounded to the most recent STEP_SAMPLE steps of the task type in the window, read from its partial index
// (Call_teamSeq_taskType_steps_idx) so a task type without traced runs costs nothing.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export const STEP_SAMPLE = 20_000;

export async function getStepSuccess(teamId: TeamId, from: Date, to: Date, taskType: string) {
  const rows = await db().$queryRaw<{ model: string; step: number; calls: bigint; success: bigint; failure: bigint }[]>`
    SELECT "model", "stepIndex" AS step, count(*)::int8 AS calls,
           count(*) FILTER (WHERE "outcome" = 1)::int8 AS success, count(*) FILTER (WHERE "outcome" = 0)::int8 AS failure
    FROM (
      SELECT "model", "stepIndex", "outcome" FROM "Call"
      WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} AND "taskType" = ${taskType}
        AND "traceId" IS NOT NULL AND "stepIndex" IS NOT NULL AND "shadowOf" IS NULL AND "attempt" = 1
      ORDER BY "ts" DESC LIMIT ${STEP_SAMPLE}
    ) c
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return rows.map((r) => ({ model: r.model, step: Number(r.step), calls: Number(r.calls), success: Number(r.success), failure: Number(r.failure) }));
}
