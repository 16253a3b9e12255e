// Evaluating calls inside one transaction: each in-scope, sampled evaluator checks each call's captured
// output; every verdict is kept as a score; a call's outcome then follows its evaluators (fail if any
// current one failed, pass if all passed) unless the app or a review set it (contracts §13), and the
// rollups move with it. Used by the backfill job, by the worker that drains newly stored calls, and by
// the LLM judge, whose verdicts are obtained outside the transaction (judge-run.ts) and passed in.
import { stableFraction } from "@switchyard/sdk";
import { check } from "@/lib/evaluators/kinds";
import type { Scope } from "@/lib/evaluators/schema";
import { Columns, int8, type Tx } from "@/lib/ingest/sql";
import { COLUMNS, daySpan, timeSpan, toStored, type LockedCall, type Raw } from "@/lib/ingest/stored-calls";
import { mayOverwrite, setOutcomes, SOURCE_EVALUATOR } from "@/lib/outcomes/set";

export type EvaluatorRow = { id: string; kind: string; config: Record<string, unknown>; scope: Scope; sampleRate: number; version: number };

type Subject = LockedCall & { metadata: Record<string, string> | null; input: string | null; output: string | null };

export function inScope(e: Pick<EvaluatorRow, "scope">, c: { taskType: string; model: string; shadow: boolean }) {
  const s = e.scope;
  return (c.shadow ? s.shadow : s.production) && (!s.taskTypes || s.taskTypes.includes(c.taskType)) && (!s.models || s.models.includes(c.model));
}

/** Deterministic per evaluator and call, so a re-run samples the same calls. */
export const sampled = (e: Pick<EvaluatorRow, "id" | "sampleRate">, callId: string) => e.sampleRate >= 1 || stableFraction(`eval:${e.id}:${callId}`) < e.sampleRate;

/** Locks the calls and reads what evaluators look at (their metadata and captured content) in one statement. */
async function subjects(tx: Tx, teamSeq: number, ids: string[]): Promise<Subject[]> {
  const span = ids.length ? await daySpan(tx, teamSeq, ids) : null;
  if (!span) return [];
  // Bounded by the calls' span of days, so only the partitions holding them are read.
  const rows = await tx.query<Raw & { metadata: Record<string, string> | null; input: string | null; output: string | null }>(
    `SELECT c.*, cc."input", cc."output" FROM (SELECT ${COLUMNS}, "teamSeq", "metadata" FROM "Call"
       WHERE "teamSeq" = $1 AND "id" = ANY($2::text[]) AND "ts" >= $3 AND "ts" <= $4 ORDER BY "id" FOR UPDATE) c
     LEFT JOIN "CallContent" cc ON cc."teamSeq" = c."teamSeq" AND cc."callId" = c."id" AND cc."ts" >= $3 AND cc."ts" <= $4
     ORDER BY c."id"`,
    [teamSeq, ids, span.from.toISOString(), span.to.toISOString()],
  );
  return rows.map((r) => ({ ...toStored(r), metadata: r.metadata, input: r.input, output: r.output }));
}

/** A verdict reached outside the transaction (the LLM judge's), with what it cost (null: unpriced). */
export type Judged = { verdict: "pass" | "fail"; reason: string; costNanos: bigint | null };
/** Verdicts by evaluator id, then call id. An evaluator listed here is not checked: its calls without an entry get no score. */
export type Precomputed = Map<string, Map<string, Judged>>;

/**
 * Evaluates the calls `ids` with `evaluators`; returns how many verdicts were given. Deterministic kinds
 * are checked here; `precomputed` carries the judge's verdicts. No advisory lock: evaluators (and reviews)
 * change only calls already stored, whose row locks order them against the outcomes API, so ingest
 * (which holds the labels lock shared) never waits for an evaluation.
 */
export async function evaluateCalls(tx: Tx, teamSeq: number, evaluators: EvaluatorRow[], ids: string[], precomputed: Precomputed = new Map()) {
  const calls = await subjects(tx, teamSeq, ids);
  const scores = new Columns(["int4", "text", "timestamptz", "text", "int4", "int2", "text", "int8"]);
  for (const c of calls) {
    for (const e of evaluators) {
      if (!inScope(e, c) || !sampled(e, c.id)) continue;
      const given = precomputed.get(e.id);
      const result = given ? given.get(c.id) : check(e.kind, e.config, { input: c.input, output: c.output, metadata: c.metadata });
      if (!result || result.verdict === null) continue; // nothing to judge (no captured output, no expected value), or not judged
      const cost = given ? (result as Judged).costNanos : null;
      scores.add([teamSeq, c.id, c.ts.toISOString(), e.id, e.version, result.verdict === "pass" ? 1 : 0, result.reason, int8(cost)]);
    }
  }
  if (!scores.length) return 0;
  await tx.query(
    `INSERT INTO "Score" ("teamSeq", "callId", "ts", "evaluatorId", "version", "verdict", "reason", "costNanos") SELECT * FROM ${scores.unnest()}
     ON CONFLICT ("teamSeq", "callId", "evaluatorId", "version", "ts")
     DO UPDATE SET "verdict" = EXCLUDED."verdict", "reason" = EXCLUDED."reason", "costNanos" = EXCLUDED."costNanos", "at" = now()`,
    scores.params,
  );
  await followEvaluators(tx, teamSeq, calls);
  return scores.length;
}

/**
 * Sets each call's outcome from its evaluators' current verdicts where nobody else set it (the app's label
 * and a review outrank them, and are never overwritten), moving the rollups by the change.
 */
async function followEvaluators(tx: Tx, teamSeq: number, calls: LockedCall[]) {
  const open = calls.filter((c) => mayOverwrite(c, SOURCE_EVALUATOR));
  if (!open.length) return;
  const span = timeSpan(open);
  const verdicts = await tx.query<{ callId: string; verdict: number }>(
    `SELECT s."callId", min(s."verdict")::int AS verdict FROM "Score" s
     JOIN "Evaluator" e ON e."id" = s."evaluatorId" AND e."version" = s."version" AND e."enabled"
     WHERE s."teamSeq" = $1 AND s."callId" = ANY($2::text[]) AND s."ts" >= $3 AND s."ts" <= $4 GROUP BY s."callId"`,
    [teamSeq, open.map((c) => c.id), span.from, span.to],
  );
  const byCall = new Map(verdicts.map((v) => [v.callId, Number(v.verdict)]));
  await setOutcomes(tx, teamSeq, open.map((call) => ({ call, outcome: byCall.get(call.id) ?? null, source: SOURCE_EVALUATOR })));
}
