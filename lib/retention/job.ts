// The team's retention sweep as a job of the queue (lib/jobs): one per team, daily, and at once after a
// change of the team's retention.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db, type Sql } from "@/lib/db";

export const RETENTION_JOB = "retention.sweep";

/** Starts the team's sweep unless one is queued or running; `now` also brings a waiting one forward. */
export async function ensureRetentionJob(teamId: TeamId, opts: { now?: boolean } = {}) {
  await db().$executeRaw`
    INSERT INTO "Job" ("id", "teamId", "kind", "payload")
    SELECT ${randomUUID()}, ${teamId}, ${RETENTION_JOB}, '{}'::jsonb
    WHERE NOT EXISTS (SELECT 1 FROM "Job" WHERE "teamId" = ${teamId} AND "kind" = ${RETENTION_JOB} AND "state" IN ('queued', 'running'))`;
  if (opts.now) await db().$executeRaw`UPDATE "Job" SET "runAt" = now() WHERE "teamId" = ${teamId} AND "kind" = ${RETENTION_JOB} AND "state" = 'queued' AND "runAt" > now()`;
}

/** At start-up: a sweep for every team that has none (teams made before retention, or whose job ended). */
export async function ensureRetentionJobs(sql?: Sql) {
  const text = `INSERT INTO "Job" ("id", "teamId", "kind", "payload")
    SELECT gen_random_uuid()::text, t."id", '${RETENTION_JOB}', '{}'::jsonb FROM "Team" t
    WHERE NOT EXISTS (SELECT 1 FROM "Job" j WHERE j."teamId" = t."id" AND j."kind" = '${RETENTION_JOB}' AND j."state" IN ('queued', 'running'))`;
  if (sql) await sql.query(text);
  else await db().$executeRawUnsafe(text);
}
