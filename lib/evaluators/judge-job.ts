// New calls for an LLM judge: the worker that drains EvalPending (live.ts) makes no network call; it queues
// one job per judge evaluator with the ids it should judge, in the same transaction that takes them, and
// this handler judges them JUDGE_CHUNK at a time. The judge unavailable: the job backs off and retries from
// the first call not dealt with. The daily cap reached: the rest of the job's calls are skipped (no score,
// not failed) and the job ends saying so; the next day's new calls are judged again. There is one such job
// per drained batch, so each one that ends removes the team's judge jobs that ended over a day ago.
import type { Sql } from "@/lib/db";
import { getEvaluator } from "@/lib/evaluators/data";
import { JUDGE_CHUNK, judgeCalls, unusableNote } from "@/lib/evaluators/judge-run";
import { inScope, sampled, type EvaluatorRow } from "@/lib/evaluators/run";
import { deleteEndedJobs, enqueueJobIn, type JobRow, type StepResult } from "@/lib/jobs/queue";

export const JUDGE_JOB = "evaluator.judge";

type Payload = { evaluatorId: string; teamSeq: number; ids: string[]; offset: number };

/**
 * Inside the draining transaction: queues a judge job for the calls among `ids` this evaluator would judge
 * (in its scope and sample, with captured output). Returns the job id, or null when there is none to judge.
 */
export async function queueJudging(tx: Sql, teamSeq: number, e: EvaluatorRow, ids: string[]): Promise<string | null> {
  const rows = await tx.query<{ id: string; taskType: string; model: string; shadow: boolean; teamId: string }>(
    `SELECT c."id", c."taskType", c."model", c."shadowOf" IS NOT NULL AS shadow, t."id" AS "teamId"
     FROM "Call" c JOIN "Team" t ON t."seq" = c."teamSeq"
     JOIN "CallContent" cc ON cc."teamSeq" = c."teamSeq" AND cc."callId" = c."id" AND cc."output" IS NOT NULL
     WHERE c."teamSeq" = $1 AND c."id" = ANY($2::text[]) ORDER BY c."id"`,
    [teamSeq, ids],
  );
  const judged = rows.filter((c) => inScope(e, c) && sampled(e, c.id));
  if (!judged.length) return null;
  const payload: Payload = { evaluatorId: e.id, teamSeq, ids: judged.map((c) => c.id), offset: 0 };
  return enqueueJobIn(tx, judged[0].teamId, JUDGE_JOB, payload, judged.length);
}

const KEEP_ENDED_MS = 86_400_000;

export async function judgeStep(job: JobRow): Promise<StepResult> {
  const step = await judgeSome(job);
  if (step.finished) await deleteEndedJobs(job.teamId, JUDGE_JOB, new Date(Date.now() - KEEP_ENDED_MS));
  return step;
}

async function judgeSome(job: JobRow): Promise<StepResult> {
  const p = job.payload as Payload;
  const rest = p.ids.length - p.offset;
  const e = await getEvaluator(job.teamId, p.evaluatorId);
  // Changed to another kind or turned off since: its current definition does not judge these calls.
  if (!e || e.kind !== "llm_judge" || !e.enabled) return { done: rest, finished: true, ...(e ? { message: "the evaluator was turned off or changed kind; calls not judged" } : {}) };
  const ids = p.ids.slice(p.offset, p.offset + JUDGE_CHUNK);
  const round = await judgeCalls(job.teamId, p.teamSeq, e, ids);
  const progress = { done: round.settled, payload: { ...p, offset: p.offset + round.settled }, message: unusableNote(round) };
  if (round.stop?.kind === "unavailable") return { ...progress, finished: false, retry: round.stop.message };
  if (round.stop?.kind === "cap") return { done: rest, finished: true, message: `${round.stop.message}: ${rest - round.settled} calls not judged` };
  return { ...progress, finished: p.offset + round.settled >= p.ids.length };
}

