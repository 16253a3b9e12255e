// Backfill: one evaluator over the stored calls of a window, as a job (lib/jobs/queue.ts) that takes
// BACKFILL_CHUNK calls per step in (ts, id) order, so progress is exact and a restart resumes at the cursor.
// An LLM judge takes JUDGE_CHUNK calls per step, outside any transaction until its verdicts are written
// (judge-run.ts): the cursor moves past the calls dealt with; when the judge is unavailable the job backs
// off and retries from there; when the daily cap is reached it waits for the next UTC day.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { getEvaluator } from "@/lib/evaluators/data";
import { JUDGE_CHUNK, judgeCalls, unusableNote } from "@/lib/evaluators/judge-run";
import { nextUtcDay } from "@/lib/evaluators/spend";
import { evaluateCalls, type EvaluatorRow } from "@/lib/evaluators/run";
import { enqueueJob, type JobRow, type StepResult } from "@/lib/jobs/queue";
import { notFound } from "@/lib/http/errors";

export const BACKFILL_JOB = "evaluator.backfill";
export const BACKFILL_CHUNK = 5000;

type Payload = { evaluatorId: string; from: string; to: string; cursor: { ts: string; id: string } | null };
type Page = { id: string; ts: Date; seq: number }[];

/** Calls of the window the evaluator's scope covers that have captured output, after `cursor`. */
export function candidates(teamId: TeamId, e: EvaluatorRow, p: Payload) {
  const s = e.scope;
  return Prisma.sql`
    FROM "Call" c JOIN "CallContent" cc ON cc."teamSeq" = c."teamSeq" AND cc."callId" = c."id" AND cc."output" IS NOT NULL
    WHERE c."teamSeq" = ${TEAM_SEQ(teamId)} AND c."ts" >= ${new Date(p.from)} AND c."ts" < ${new Date(p.to)}
      ${p.cursor ? Prisma.sql`AND (c."ts", c."id") > (${new Date(p.cursor.ts)}, ${p.cursor.id})` : Prisma.empty}
      ${s.taskTypes ? Prisma.sql`AND c."taskType" IN (${Prisma.join(s.taskTypes)})` : Prisma.empty}
      ${s.models ? Prisma.sql`AND c."model" IN (${Prisma.join(s.models)})` : Prisma.empty}
      ${!s.shadow ? Prisma.sql`AND c."shadowOf" IS NULL` : !s.production ? Prisma.sql`AND c."shadowOf" IS NOT NULL` : Prisma.empty}`;
}

/** Queues a backfill and counts what it will go through (the progress bar's total). */
export async function startBackfill(teamId: TeamId, evaluatorId: string, from: Date, to: Date) {
  const e = await getEvaluator(teamId, evaluatorId);
  if (!e) throw notFound(`This team has no evaluator ${evaluatorId}.`);
  const payload: Payload = { evaluatorId, from: from.toISOString(), to: to.toISOString(), cursor: null };
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*)::int8 AS n ${candidates(teamId, e, payload)}`;
  return enqueueJob(teamId, BACKFILL_JOB, payload, Number(n));
}

export async function backfillStep(job: JobRow): Promise<StepResult> {
  const p = job.payload as Payload;
  const e = await getEvaluator(job.teamId, p.evaluatorId);
  if (!e) return { done: 0, finished: true }; // deleted with its team
  const chunk = e.kind === "llm_judge" ? JUDGE_CHUNK : BACKFILL_CHUNK;
  const page = await db().$queryRaw<Page>`
    SELECT c."id", c."ts", c."teamSeq" AS seq ${candidates(job.teamId, e, p)} ORDER BY c."ts", c."id" LIMIT ${chunk}`;
  if (!page.length) return { done: 0, finished: true };
  const seq = Number(page[0].seq);
  const after = (n: number) => (n ? { ...p, cursor: { ts: new Date(page[n - 1].ts).toISOString(), id: page[n - 1].id } } : p);
  if (e.kind === "llm_judge") {
    const now = new Date();
    const round = await judgeCalls(job.teamId, seq, e, page.map((r) => r.id), now);
    const progress = { done: round.settled, payload: after(round.settled), message: unusableNote(round) };
    if (round.stop?.kind === "unavailable") return { ...progress, finished: false, retry: round.stop.message };
    if (round.stop?.kind === "cap") return { ...progress, finished: false, wait: { until: nextUtcDay(now), reason: `${round.stop.message}; resumes after 00:00 UTC` } };
    return { ...progress, finished: round.settled === page.length && page.length < chunk };
  }
  await sqlTransaction(async (tx) => {
    await evaluateCalls(tx, seq, [e], page.map((r) => r.id));
  });
  return { done: page.length, payload: after(page.length), finished: page.length < chunk };
}
