// One round of the LLM judge over a handful of calls, for the backfill and the new-calls jobs. Never inside
// a database transaction: the calls' content and today's spend are read first, the judge is asked with
// bounded concurrency (JUDGE_CONCURRENCY at a time, each under a 30 s timeout), and then the verdicts,
// with what each cost at the catalog price of the judge model, are written in one transaction by the same
// code as every other verdict (run.ts), which also moves the calls' outcomes and the rollups.
//
// The daily cap (config.dailyCapUsd): before each judge call, today's (UTC) spend of this evaluator (its
// scores' costNanos; unpriced answers count 0) plus this round's is compared with the cap; once reached,
// no further call is made today. Calls already in flight finish, so the cap can be passed by at most
// JUDGE_CONCURRENCY - 1 answers, and by one round per worker running this evaluator at the same moment.
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction } from "@/lib/db";
import { readJudgeSubjects } from "@/lib/evaluators/data";
import { judgeRequest } from "@/lib/evaluators/judge";
import { sendJudgeRequest } from "@/lib/evaluators/judge-call";
import { storedJudgeConfig } from "@/lib/evaluators/kinds";
import { evaluateCalls, inScope, sampled, type EvaluatorRow, type Judged } from "@/lib/evaluators/run";
import { decryptApiKey } from "@/lib/evaluators/secret";
import { capNanos, getJudgeSpendSince, startOfUtcDay } from "@/lib/evaluators/spend";
import { costNanos, indexPrices, priceAt } from "@/lib/pricing/cost";
import { listPrices } from "@/lib/pricing/data";
import { formatSpend } from "@/lib/pricing/money";

export const JUDGE_CONCURRENCY = 4;
/** Calls a job step hands to one round. */
export const JUDGE_CHUNK = 50;
// No judge call starts later than this into a round: with the 30 s timeout a round ends well inside the
// job lease (60 s), however slow the judge.
const ROUND_BUDGET_MS = 20_000;

export type JudgeRound = {
  /** How many of `ids`, from the first, are dealt with (judged, nothing to judge, or an unusable answer): a cursor may move past them. */
  settled: number;
  /** Verdicts written. */
  scored: number;
  /** Why the round stopped before the end: the judge is unavailable (try again later), or today's cap is reached. */
  stop: { kind: "unavailable" | "cap"; message: string } | null;
  /** Answers that were not a verdict (those calls get no score), and why the last one was not: for the job's page. */
  unusable: { count: number; last: string } | null;
};

/** The job's note about answers that were not verdicts, or undefined. */
export const unusableNote = (round: JudgeRound) =>
  round.unusable ? `${round.unusable.count} judge answer${round.unusable.count === 1 ? " was" : "s were"} not a verdict, so not scored (last: ${round.unusable.last})` : undefined;

async function readConfig(e: EvaluatorRow) {
  const parsed = storedJudgeConfig.safeParse(e.config);
  if (!parsed.success) throw new Error(`the judge's config is invalid: ${parsed.error.issues[0].path.join(".")} ${parsed.error.issues[0].message}; save the evaluator again`);
  const { apiKeyEncrypted, ...config } = parsed.data;
  const apiKey = apiKeyEncrypted ? await decryptApiKey(e.id, apiKeyEncrypted) : null;
  if (apiKeyEncrypted && apiKey === null) {
    throw new Error("the judge's API key cannot be decrypted (the server secret, NEXTAUTH_SECRET, changed since it was saved); save the key again");
  }
  return { ...config, apiKey };
}

/** Judges the calls `ids` (in order) with the judge evaluator `e` and writes the verdicts. */
export async function judgeCalls(teamId: TeamId, teamSeq: number, e: EvaluatorRow, ids: string[], now = new Date()): Promise<JudgeRound> {
  const started = Date.now();
  const config = await readConfig(e);
  const byId = new Map((await readJudgeSubjects(teamId, ids)).map((s) => [s.id, s]));
  // Calls out of scope, not sampled or without captured output have nothing to judge: settled from the start.
  const settled = ids.map((id) => {
    const s = byId.get(id);
    return !s || !inScope(e, s) || !sampled(e, id);
  });
  const todo = ids.flatMap((id, i) => (settled[i] ? [] : [i]));
  const prefix = () => {
    const i = settled.indexOf(false);
    return i === -1 ? ids.length : i;
  };
  if (!todo.length) return { settled: ids.length, scored: 0, stop: null, unusable: null };

  const cap = capNanos(config);
  let spent = cap === null ? 0n : await getJudgeSpendSince(teamId, e.id, startOfUtcDay(now));
  const price = priceAt(indexPrices(await listPrices(teamId)), config.model, now);

  const verdicts = new Map<string, Judged>();
  let stop: JudgeRound["stop"] = null;
  let unusable: JudgeRound["unusable"] = null;
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !stop && Date.now() - started < ROUND_BUDGET_MS) {
      if (cap !== null && spent >= cap) {
        stop = { kind: "cap", message: `daily judge spend cap of ${formatSpend(cap)} reached (${formatSpend(spent)} spent today, UTC)` };
        break;
      }
      const i = todo[next++];
      const call = byId.get(ids[i])!;
      const answer = await sendJudgeRequest(judgeRequest(config, call.input, call.output));
      if (!answer.ok) {
        stop ??= { kind: "unavailable", message: answer.unavailable };
        break;
      }
      const { verdict, reason, inputTokens, outputTokens } = answer.result;
      const cost = price && inputTokens !== null && outputTokens !== null ? costNanos({ inputTokens, outputTokens }, price) : null;
      spent += cost ?? 0n; // an unusable answer was paid for too
      settled[i] = true;
      if (verdict !== null) verdicts.set(call.id, { verdict, reason, costNanos: cost });
      else unusable = { count: (unusable?.count ?? 0) + 1, last: reason };
    }
  };
  await Promise.all(Array.from({ length: Math.min(JUDGE_CONCURRENCY, todo.length) }, worker));

  let scored = 0;
  if (verdicts.size) {
    scored = await sqlTransaction(async (tx) => {
      return evaluateCalls(tx, teamSeq, [e], [...verdicts.keys()].sort(), new Map([[e.id, verdicts]]));
    });
  }
  return { settled: prefix(), scored, stop, unusable };
}
