// The durable job queue: rows in "Job", claimed one step at a time with FOR UPDATE SKIP LOCKED under a
// lease. A step that throws is retried with exponential backoff; a server that stops mid-step leaves a
// lease that expires, and another instance (or the next start) takes the job up where its last committed
// step left it. Handlers (lib/jobs/handlers.ts) do one bounded step per call and report progress.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db, type Sql } from "@/lib/db";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";
export type JobRow = { id: string; teamId: TeamId; kind: string; payload: Record<string, unknown>; state: JobState; done: number; total: number | null; attempts: number };

/**
 * What one step did: progress to add, the payload to carry on with (a cursor), and whether the job is
 * finished. The progress is kept in every case; then:
 * - `retry`: a service the job needs is down. The job backs off as if the step had thrown (an attempt
 *   counted, afresh when the step still made progress), with this as its error;
 * - `wait`: nothing to do before `until` (a daily spend cap reached): the job sleeps until then, no attempt counted;
 * - `message`: a note kept in the job's error field although the step succeeded (calls it skipped, and why).
 */
export type StepResult = {
  done: number; payload?: Record<string, unknown>; total?: number; finished: boolean;
  retry?: string; wait?: { until: Date; reason: string }; message?: string;
};
export type Handler = (job: JobRow) => Promise<StepResult>;

const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 5;
const backoffMs = (attempts: number) => Math.min(5 * 60_000, 1000 * 2 ** attempts);

export async function enqueueJob(teamId: TeamId, kind: string, payload: Record<string, unknown>, total: number | null = null) {
  const id = randomUUID();
  await db().$executeRaw`INSERT INTO "Job" ("id", "teamId", "kind", "payload", "total") VALUES (${id}, ${teamId}, ${kind}, ${JSON.stringify(payload)}::jsonb, ${total})`;
  return id;
}

/** enqueueJob inside a transaction of sqlTransaction (no Prisma there), so the job exists only if the transaction commits. */
export async function enqueueJobIn(tx: Sql, teamId: string, kind: string, payload: Record<string, unknown>, total: number | null = null) {
  const id = randomUUID();
  await tx.query(`INSERT INTO "Job" ("id", "teamId", "kind", "payload", "total") VALUES ($1, $2, $3, $4::jsonb, $5)`, [id, teamId, kind, JSON.stringify(payload), total]);
  return id;
}

/** Queues a job of `kind` for the team unless one is queued or running (a race can leave two: the job's own work must tolerate that). */
export async function ensureJob(teamId: string, kind: string) {
  await db().$executeRaw`
    INSERT INTO "Job" ("id", "teamId", "kind", "payload")
    SELECT ${randomUUID()}, ${teamId}, ${kind}, '{}'::jsonb
    WHERE NOT EXISTS (SELECT 1 FROM "Job" WHERE "teamId" = ${teamId} AND "kind" = ${kind} AND "state" IN ('queued', 'running'))`;
}

/** Takes the next runnable job under a lease, or null. Several workers and instances never take the same one. */
async function claim(): Promise<JobRow | null> {
  const [row] = await db().$queryRaw<JobRow[]>`
    UPDATE "Job" SET "state" = 'running', "lockedUntil" = now() + make_interval(secs => ${LEASE_MS / 1000}), "updatedAt" = now()
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE "state" IN ('queued', 'running') AND "runAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "runAt" LIMIT 1 FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "teamId", "kind", "payload", "state", "done", "total", "attempts"`;
  return row ?? null;
}

/** Runs one step of one job; false when no job was runnable. */
export async function runOneStep(handlers: Record<string, Handler>): Promise<boolean> {
  const job = await claim();
  if (!job) return false;
  const handler = handlers[job.kind];
  let step: StepResult;
  try {
    if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
    step = await handler(job);
  } catch (err) {
    const attempts = job.attempts + 1;
    await settle(job.id, { done: 0, finished: false }, attempts, err instanceof Error ? err.message : String(err), { backoffMs: backoffMs(attempts) });
    return true;
  }
  if (step.finished) await settle(job.id, step, 0, step.message ?? null, null);
  // A step that made progress before the service went down starts its count of attempts afresh.
  else if (step.retry !== undefined) {
    const attempts = (step.done > 0 ? 0 : job.attempts) + 1;
    await settle(job.id, step, attempts, step.retry, { backoffMs: backoffMs(attempts) });
  } else if (step.wait) await settle(job.id, step, 0, step.wait.reason, { until: step.wait.until });
  else await settle(job.id, step, 0, step.message ?? null, null);
  return true;
}

/**
 * Records a step in one statement (a second one would let another worker claim the job in between): its
 * progress, then done, failed (MAX_ATTEMPTS reached), queued for later (`later`), or running (next step
 * at once). A cancel while the step ran wins: the step's work is kept (it committed), the job stops.
 */
async function settle(id: string, step: Pick<StepResult, "done" | "total" | "payload" | "finished">, attempts: number, error: string | null, later: { backoffMs: number } | { until: Date } | null) {
  const state = step.finished ? "done" : attempts >= MAX_ATTEMPTS ? "failed" : later ? "queued" : "running";
  const delaySecs = later && "backoffMs" in later ? later.backoffMs / 1000 : null;
  const until = later && "until" in later ? later.until : null;
  await db().$executeRaw`
    UPDATE "Job" SET "done" = "done" + ${step.done}, "total" = COALESCE(${step.total ?? null}::int, "total"),
      "payload" = COALESCE(${step.payload ? JSON.stringify(step.payload) : null}::jsonb, "payload"),
      "state" = CASE WHEN "state" = 'cancelled' THEN 'cancelled' ELSE ${state} END,
      "attempts" = ${attempts}, "lockedUntil" = NULL, "error" = ${error?.slice(0, 1000) ?? null}, "updatedAt" = now(),
      "runAt" = CASE WHEN ${delaySecs}::float8 IS NOT NULL THEN now() + make_interval(secs => ${delaySecs}::float8) ELSE COALESCE(${until}::timestamptz, "runAt") END
    WHERE "id" = ${id}`;
}

export async function getJob(teamId: TeamId, id: string) {
  const [row] = await db().$queryRaw<(JobRow & { error: string | null; createdAt: Date; updatedAt: Date })[]>`
    SELECT "id", "teamId", "kind", "payload", "state", "done", "total", "attempts", "error", "createdAt", "updatedAt" FROM "Job" WHERE "id" = ${id} AND "teamId" = ${teamId}`;
  return row ?? null;
}

/** Stops a queued or running job after its current step; false when it had already ended. */
export async function cancelJob(teamId: TeamId, id: string) {
  const n = await db().$executeRaw`UPDATE "Job" SET "state" = 'cancelled', "updatedAt" = now() WHERE "id" = ${id} AND "teamId" = ${teamId} AND "state" IN ('queued', 'running')`;
  return n > 0;
}

/** Removes the team's jobs of `kind` that ended well before `before`: for kinds queued many times a day. */
export async function deleteEndedJobs(teamId: TeamId, kind: string, before: Date) {
  await db().$executeRaw`DELETE FROM "Job" WHERE "teamId" = ${teamId} AND "kind" = ${kind} AND "state" IN ('done', 'cancelled') AND "updatedAt" < ${before}`;
}

export async function listJobs(teamId: TeamId, kind: string, take = 20) {
  return db().$queryRaw<(JobRow & { error: string | null; createdAt: Date; updatedAt: Date })[]>`
    SELECT "id", "teamId", "kind", "payload", "state", "done", "total", "attempts", "error", "createdAt", "updatedAt" FROM "Job"
    WHERE "teamId" = ${teamId} AND "kind" = ${kind} ORDER BY "createdAt" DESC LIMIT ${take}`;
}

