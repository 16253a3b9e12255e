// What a backfill would cost before it starts (POST /api/v1/evaluators/{id}/backfill with dryRun: true).
// The calls are the ones the backfill would judge: in the window and the evaluator's scope, with captured
// output, in its sample. For an LLM judge, each call's prompt is the system prompt plus the rubric with
// {{input}} and {{output}} filled in, counted at about 4 characters a token (stored sizes in bytes, so text
// outside ASCII counts high), plus a few tokens of chat framing, and a short answer; priced with the
// team's catalog for the judge model, null when the catalog has no price for it. Deterministic kinds run
// on this server and cost nothing.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { candidates } from "@/lib/evaluators/backfill";
import { getEvaluator } from "@/lib/evaluators/data";
import { judgePromptChars } from "@/lib/evaluators/judge";
import { storedJudgeConfig } from "@/lib/evaluators/kinds";
import { sampled } from "@/lib/evaluators/run";
import { capNanos } from "@/lib/evaluators/spend";
import { notFound } from "@/lib/http/errors";
import { costNanos, indexPrices, priceAt } from "@/lib/pricing/cost";
import { listPrices } from "@/lib/pricing/data";
import { nanosToDollars } from "@/lib/pricing/money";

const PAGE = 10_000;
const CHARS_PER_TOKEN = 4;
const FRAMING_TOKENS = 12; // the chat format around the two messages
const ANSWER_TOKENS = 40; // {"verdict": "...", "reason": "<one sentence>"}

export type BackfillEstimate = {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Null when the judge model has no price in the team's catalog. */
  estimatedCostUsd: number | null;
  /** Days the backfill would take at the judge's daily cap (null without a cap or a price). */
  daysAtCap: number | null;
  basis: string;
};

type Row = { id: string; ts: Date; inputBytes: number | null; outputBytes: number };

export async function estimateBackfill(teamId: TeamId, evaluatorId: string, from: Date, to: Date, now = new Date()): Promise<BackfillEstimate> {
  const e = await getEvaluator(teamId, evaluatorId);
  if (!e) throw notFound(`This team has no evaluator ${evaluatorId}.`);
  const judge = e.kind === "llm_judge" ? storedJudgeConfig.safeParse(e.config) : null;
  const rubric = judge?.success ? judge.data.rubric : "";
  let calls = 0;
  let promptTokens = 0;
  // Sampling is a hash of the call id, decided here as the backfill will, a page of ids at a time.
  let cursor: { ts: string; id: string } | null = null;
  for (;;) {
    const page: Row[] = await db().$queryRaw<Row[]>`
      SELECT c."id", c."ts", octet_length(cc."input")::int AS "inputBytes", octet_length(cc."output")::int AS "outputBytes"
      ${candidates(teamId, e, { evaluatorId, from: from.toISOString(), to: to.toISOString(), cursor })}
      ORDER BY c."ts", c."id" LIMIT ${PAGE}`;
    for (const r of page) {
      if (!sampled(e, r.id)) continue;
      calls += 1;
      if (judge) promptTokens += Math.ceil(judgePromptChars(rubric, r.inputBytes === null ? null : Number(r.inputBytes), Number(r.outputBytes)) / CHARS_PER_TOKEN) + FRAMING_TOKENS;
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1];
    cursor = { ts: new Date(last.ts).toISOString(), id: last.id };
  }
  const sample = e.sampleRate < 1 ? ` (the ${Math.round(e.sampleRate * 100)}% sample)` : "";
  if (!judge) return { calls, inputTokens: 0, outputTokens: 0, estimatedCostUsd: 0, daysAtCap: null, basis: `${calls} calls${sample}; ${e.kind} runs on this server: no model calls` };
  if (!judge.success) throw new Error("the judge's stored config is invalid; save the evaluator again");

  const model = judge.data.model;
  const outputTokens = calls * ANSWER_TOKENS;
  const price = priceAt(indexPrices(await listPrices(teamId)), model, now);
  const nanos = price ? costNanos({ inputTokens: promptTokens, outputTokens }, price) : null;
  const cap = capNanos(judge.data);
  const basis =
    `${calls} calls${sample} with captured output; prompt = rubric with the captured content, ~${CHARS_PER_TOKEN} characters a token, ` +
    `${ANSWER_TOKENS} answer tokens a call; ` +
    (price ? `priced at the catalog's ${model} rates` : `${model} has no price in the team's catalog (Settings → Models), so no cost`);
  return {
    calls, inputTokens: promptTokens, outputTokens,
    estimatedCostUsd: nanos === null ? null : nanosToDollars(nanos),
    daysAtCap: nanos !== null && cap !== null ? Math.ceil(Number(nanos) / Number(cap)) : null,
    basis,
  };
}
