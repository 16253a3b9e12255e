// Setting outcomes that came from a review or an evaluator, in the order contracts §13 gives them:
// the calls' outcome and its source change and the rollups move by the difference, in the caller's
// transaction (which holds the labels lock and has the calls locked).
import { effectiveOutcome, RollupBatch } from "@/lib/rollups/batch";
import { writeRollups } from "@/lib/rollups/write";
import { Columns, type Tx } from "@/lib/ingest/sql";
import { timeSpan, type LockedCall } from "@/lib/ingest/stored-calls";

/** Who set a call's outcome (Call.outcomeSource): null is the app (or nobody), which outranks both. */
export const SOURCE_REVIEW = 2;
export const SOURCE_EVALUATOR = 3;

/** Contracts §13: the app's label, else a review's, else the evaluators'. A source never overwrites a higher one. */
export const mayOverwrite = (call: Pick<LockedCall, "outcome" | "outcomeSource">, source: number) =>
  call.outcome === null || (call.outcomeSource !== null && call.outcomeSource >= source);

export type OutcomeChange = { call: LockedCall; outcome: number | null; source: number };

export async function setOutcomes(tx: Tx, teamSeq: number, changes: OutcomeChange[]) {
  const rollups = new RollupBatch();
  const updates = new Columns(["text", "int2", "int2"]);
  for (const { call, outcome, source } of changes) {
    if (!mayOverwrite(call, source) || (outcome === call.outcome && source === call.outcomeSource)) continue;
    rollups.changeOutcome(call, effectiveOutcome(call), effectiveOutcome({ ...call, outcome }));
    updates.add([call.id, outcome, outcome === null ? null : source]);
  }
  if (!updates.length) return;
  // Bounded by the calls' span of days, so only their partitions are read.
  const span = timeSpan(changes.map((c) => c.call));
  await tx.query(
    `UPDATE "Call" c SET "outcome" = v.outcome, "outcomeSource" = v.source
     FROM ${updates.unnest(2)} AS v(id, outcome, source)
     WHERE c."teamSeq" = ${teamSeq} AND c."ts" >= $1 AND c."ts" <= $2 AND c."id" = v.id`,
    [span.from, span.to, ...updates.params],
  );
  await writeRollups(tx, teamSeq, rollups);
}
