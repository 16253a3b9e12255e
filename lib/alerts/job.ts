// The team's once-a-minute evaluation job (alerts and policy guards) and the webhook delivery job, by kind.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";

export const EVALUATE_JOB = "alerts.evaluate";
export const DELIVER_JOB = "alerts.deliver";

/** Starts the team's evaluation job unless one is queued or running (at most one more in a race: the per-minute claim keeps evaluation single). */
export async function ensureEvaluationJob(teamId: TeamId) {
  await db().$executeRaw`
    INSERT INTO "Job" ("id", "teamId", "kind", "payload")
    SELECT ${randomUUID()}, ${teamId}, ${EVALUATE_JOB}, '{}'::jsonb
    WHERE NOT EXISTS (SELECT 1 FROM "Job" WHERE "teamId" = ${teamId} AND "kind" = ${EVALUATE_JOB} AND "state" IN ('queued', 'running'))`;
}
