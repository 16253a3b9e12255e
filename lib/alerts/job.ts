// The team's once-a-minute evaluation job (alerts and policy guards) and the webhook delivery job, by kind.
import type { TeamId } from "@/lib/auth/team-id";
import { ensureJob } from "@/lib/jobs/queue";

export const EVALUATE_JOB = "alerts.evaluate";
export const DELIVER_JOB = "alerts.deliver";

/** Starts the team's evaluation job unless one is queued or running (at most one more in a race: the per-minute claim keeps evaluation single). */
export async function ensureEvaluationJob(teamId: TeamId) {
  await ensureJob(teamId, EVALUATE_JOB);
}
