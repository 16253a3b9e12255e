// The durable job queue: rows in "Job", claimed one step at a time with FOR UPDATE SKIP LOCKED under a
// lease. A step that throws is retried with exponential backoff; a server that stops mid-step leaves a
// lease that expires, and another instance (or the next start) takes the job up where its last committed
// step left it. Handlers (lib/jobs/handlers.ts) do one bounded step per call and report progress.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";

export type JobState = "queued" | "running" | "done" | "failed" | "cancelled";
export type JobRow = { id: string; teamId: TeamId; kind: string; payload: Record<string, unknown>; state: JobState; done: number; total: number | null; attempts: number };

/** What one step did: progress to add, the payload to carry on with (a cursor), and whether the job is finished. */
export type StepResult = { done: number; payload?: Record<string, unknown>; total?: number; finished: boolean };
export type Handler = (job: JobRow) => Promise<StepResult>;

const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 5;
const backoffMs = (attempts: number) => Math.min(5 * 60_000, 1000 * 2 ** attempts);

export async function enqueueJob(teamId: TeamId, kind: string, payload: Record<string, unknown>, total: number | null = null) {
  const id = randomUUID();
  await db().$executeRaw`INSERT INTO "Job" ("id", "teamId", "kind", "payload", "total") VALUES (${id}, ${teamId}, ${kind}, ${JSON.stringify(payload)}::jsonb, ${total})`;
  return id;
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
  try {
    if (!handler) throw new Error(`no handler for jobs of kind "${job.kind}"`);
    const step = await handler(job);
    // A cancel while the step ran wins: the step's work is kept (it committed), the job stops.
    await db().$executeRaw`
      UPDATE "Job" SET "done" = "done" + ${step.done}, "total" = COALESCE(${step.total ?? null}::int, "total"),
        "payload" = COALESCE(${step.payload ? JSON.stringify(step.payload) : null}::jsonb, "payload"),
        "state" = CASE WHEN "state" = 'cancelled' THEN 'cancelled' WHEN ${step.finished} THEN 'done' ELSE 'running' END,
        "attempts" = 0, "lockedUntil" = NULL, "error" = NULL, "updatedAt" = now()
      WHERE "id" = ${job.id}`;
  } catch (err) {
    const attempts = job.attempts + 1;
    const message = err instanceof Error ? err.message : String(err);
    await db().$executeRaw`
      UPDATE "Job" SET "attempts" = ${attempts}, "error" = ${message.slice(0, 1000)}, "lockedUntil" = NULL, "updatedAt" = now(),
        "state" = CASE WHEN "state" = 'cancelled' THEN 'cancelled' WHEN ${attempts >= MAX_ATTEMPTS} THEN 'failed' ELSE 'queued' END,
        "runAt" = now() + make_interval(secs => ${backoffMs(attempts) / 1000})
      WHERE "id" = ${job.id}`;
  }
  return true;
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

export async function listJobs(teamId: TeamId, kind: string, take = 20) {
  return db().$queryRaw<(JobRow & { error: string | null; createdAt: Date; updatedAt: Date })[]>`
    SELECT "id", "teamId", "kind", "payload", "state", "done", "total", "attempts", "error", "createdAt", "updatedAt" FROM "Job"
    WHERE "teamId" = ${teamId} AND "kind" = ${kind} ORDER BY "createdAt" DESC LIMIT ${take}`;
}

