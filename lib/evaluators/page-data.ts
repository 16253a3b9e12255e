// Page data for the Evaluators pages: the evaluators with their results, their backfill jobs, the team's
// task types and models for the scope, and what a backfill over a window will go through.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { BACKFILL_JOB, candidates } from "@/lib/evaluators/backfill";
import { getEvaluator, listEvaluators } from "@/lib/evaluators/data";
import { estimateBackfill } from "@/lib/evaluators/estimate";
import type { EvaluatorRow } from "@/lib/evaluators/run";
import { listJobs } from "@/lib/jobs/queue";
import { getTeamStorage } from "@/lib/teams/data";

export type EvaluatorSummary = Awaited<ReturnType<typeof listEvaluators>>[number];

/** The calls a backfill over [from, to) goes through, the total of its progress: in scope, with captured output. */
async function countBackfillCalls(teamId: TeamId, e: EvaluatorRow, from: Date, to: Date) {
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::int8 AS n ${candidates(teamId, e, { evaluatorId: e.id, from: from.toISOString(), to: to.toISOString(), cursor: null })}`;
  return Number(n);
}

/**
 * What the backfill form says before a run: how many calls it goes through and, for an LLM judge, what
 * judging them would cost. Null when the team has no such evaluator.
 */
export async function previewBackfill(teamId: TeamId, evaluatorId: string, window: { from: Date; to: Date }) {
  const e = await getEvaluator(teamId, evaluatorId);
  if (!e) return null;
  const [calls, judge] = await Promise.all([
    countBackfillCalls(teamId, e, window.from, window.to),
    e.kind === "llm_judge" ? estimateBackfill(teamId, evaluatorId, window.from, window.to) : null,
  ]);
  return { calls, judge };
}
export type BackfillPreview = NonNullable<Awaited<ReturnType<typeof previewBackfill>>>;

type BackfillPayload = { evaluatorId: string; from: string; to: string };

/** The team's latest backfills, newest first, with the window each covers. */
async function listBackfills(teamId: TeamId) {
  const jobs = await listJobs(teamId, BACKFILL_JOB);
  return jobs.map((j) => {
    const p = j.payload as BackfillPayload;
    return { id: j.id, evaluatorId: p.evaluatorId, from: new Date(p.from), to: new Date(p.to), state: j.state, done: j.done, total: j.total, error: j.error, createdAt: j.createdAt };
  });
}
export type Backfill = Awaited<ReturnType<typeof listBackfills>>[number];

export async function loadEvaluatorsPage(teamId: TeamId) {
  const [evaluators, backfills, dimensions, storage] = await Promise.all([listEvaluators(teamId), listBackfills(teamId), listDimensions(teamId), getTeamStorage(teamId)]);
  return { evaluators, backfills, dimensions, captureContent: storage.captureContent };
}

/** One evaluator as its page shows it (a judge's key is never read: its config says only whether one is stored), or null. */
export async function loadEvaluatorPage(teamId: TeamId, id: string) {
  const { evaluators, backfills, ...rest } = await loadEvaluatorsPage(teamId);
  const evaluator = evaluators.find((e) => e.id === id);
  if (!evaluator) return null;
  return { ...rest, evaluator, backfills: backfills.filter((b) => b.evaluatorId === id) };
}
