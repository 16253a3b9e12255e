// Backfill: one evaluator over the stored calls of a window, as a job (lib/jobs/queue.ts) that takes
// BACKFILL_CHUNK calls per step in (ts, id) order, so progress is exact and a restart resumes at the cursor.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { getEvaluator } from "@/lib/evaluators/data";
import { evaluateCalls, type EvaluatorRow } from "@/lib/evaluators/run";
import { lockForLabels } from "@/lib/ingest/locks";
import { enqueueJob, type JobRow, type StepResult } from "@/lib/jobs/queue";
import { notFound } from "@/lib/http/errors";

export const BACKFILL_JOB = "evaluator.backfill";
export const BACKFILL_CHUNK = 2000;

type Payload = { evaluatorId: string; from: string; to: string; cursor: { ts: string; id: string } | null };

/** Calls of the window the evaluator's scope covers that have captured output, after `cursor`. */
function candidates(teamId: TeamId, e: EvaluatorRow, p: Payload) {
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
  const page = await db().$queryRaw<{ id: string; ts: Date; seq: number }[]>`
    SELECT c."id", c."ts", c."teamSeq" AS seq ${candidates(job.teamId, e, p)} ORDER BY c."ts", c."id" LIMIT ${BACKFILL_CHUNK}`;
  if (!page.length) return { done: 0, finished: true };
  const seq = Number(page[0].seq);
  await sqlTransaction(async (tx) => {
    await lockForLabels(tx, seq);
    await evaluateCalls(tx, seq, [e], page.map((r) => r.id));
  });
  const last = page[page.length - 1];
  return { done: page.length, payload: { ...p, cursor: { ts: new Date(last.ts).toISOString(), id: last.id } }, finished: page.length < BACKFILL_CHUNK };
}
