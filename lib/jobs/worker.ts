// The job worker of this server process: WORKERS loops, each taking one step of a queued job or one batch
// of newly stored calls for the evaluators, resting IDLE_MS when there is nothing to do. Every instance
// runs it; the queue's leases and SKIP LOCKED keep them from doing the same work twice.
import { deliverStep } from "@/lib/alerts/deliver";
import { evaluateStep } from "@/lib/alerts/evaluate";
import { DELIVER_JOB, EVALUATE_JOB } from "@/lib/alerts/job";
import { BACKFILL_JOB, backfillStep } from "@/lib/evaluators/backfill";
import { JUDGE_JOB, judgeStep } from "@/lib/evaluators/judge-job";
import { drainPending } from "@/lib/evaluators/live";
import { ingestBusy } from "@/lib/ingest/activity";
import { runOneStep, type Handler } from "@/lib/jobs/queue";
import { RETENTION_JOB } from "@/lib/retention/job";
import { retentionStep } from "@/lib/retention/sweep";

export const HANDLERS: Record<string, Handler> = {
  [BACKFILL_JOB]: backfillStep, [JUDGE_JOB]: judgeStep, [EVALUATE_JOB]: (job) => evaluateStep(job), [DELIVER_JOB]: deliverStep,
  [RETENTION_JOB]: (job) => retentionStep(job),
};

const WORKERS = 2;
const IDLE_MS = 1000;

/** One round: a job step, else a batch of new calls. False when there was nothing to do. */
export async function workOnce() {
  return (await runOneStep(HANDLERS)) || (await drainPending()) > 0;
}

/** Runs until nothing is left: for tests and scripts that need the work done now. */
export async function workUntilIdle() {
  while (await workOnce());
}

const state = globalThis as unknown as { __switchyardWorkers?: boolean };

export function startJobWorker() {
  if (state.__switchyardWorkers) return;
  state.__switchyardWorkers = true;
  for (let i = 0; i < WORKERS; i++) void loop();
}

/**
 * While this instance is ingesting, a busy round is followed by a rest of YIELD_FACTOR times its length, so
 * the worker keeps to about 5% of its time and ingest keeps the machine (bench:ingest measures it); the
 * backlog (EvalPending, job steps) is worked off at full speed once ingest is quiet.
 */
const YIELD_FACTOR = 19;

async function loop() {
  for (;;) {
    let busy = false;
    const started = performance.now();
    try {
      busy = await workOnce();
    } catch (err) {
      console.error(`[switchyard] job worker: ${err instanceof Error ? err.message : String(err)}`);
    }
    const rest = !busy ? IDLE_MS : ingestBusy() ? (performance.now() - started) * YIELD_FACTOR : 0;
    // Between rounds the event loop serves requests (on the embedded database they share this thread).
    await new Promise((resolve) => (rest > 0 ? setTimeout(resolve, rest).unref() : setImmediate(resolve)));
  }
}
