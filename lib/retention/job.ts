// The team's retention sweep as a job of the queue (lib/jobs): one per team, daily, and at once after a
// change of the team's retention.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ensureJob } from "@/lib/jobs/queue";

export const RETENTION_JOB = "retention.sweep";

/** Starts the team's sweep unless one is queued or running; `now` also brings a waiting one forward. */
export async function ensureRetentionJob(teamId: TeamId, opts: { now?: boolean } = {}) {
  await ensureJob(teamId, RETENTION_JOB);
  if (opts.now) await db().$executeRaw`UPDATE "Job" SET "runAt" = now() WHERE "teamId" = ${teamId} AND "kind" = ${RETENTION_JOB} AND "state" = 'queued' AND "runAt" > now()`;
}

/** At start-up: a sweep for every team that has none (teams made before retention, or whose job ended). */
export async function ensureRetentionJobs() {
  await db().$executeRaw`
    INSERT INTO "Job" ("id", "teamId", "kind", "payload")
    SELECT gen_random_uuid()::text, t."id", ${RETENTION_JOB}, '{}'::jsonb FROM "Team" t
    WHERE NOT EXISTS (SELECT 1 FROM "Job" j WHERE j."teamId" = t."id" AND j."kind" = ${RETENTION_JOB} AND j."state" IN ('queued', 'running'))`;
}
