// Late quality labels (contracts §4): a call label sets that call's outcome, a trace label the outcome of
// every step of the run, including steps stored later. Rollups follow in the same transaction.
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction } from "@/lib/db";
import { effectiveOutcome, RollupBatch } from "@/lib/rollups/batch";
import { writeRollups } from "@/lib/rollups/write";
import type { OutcomeLabel } from "@/lib/ingest/schema";
import { Columns, type Tx } from "@/lib/ingest/sql";
import { lockCalls, lockCallsById, timeSpan } from "@/lib/ingest/stored-calls";
import { lockForLabels } from "@/lib/ingest/locks";
import { getTeamStorage } from "@/lib/teams/data";

type Label = { key: string; outcome: number; reason: string | null };

function lastPerKey(labels: OutcomeLabel[], pick: (l: OutcomeLabel) => string | undefined): Label[] {
  const byKey = new Map<string, Label>();
  for (const l of labels) {
    const key = pick(l);
    if (key !== undefined) byKey.set(key, { key, outcome: l.outcome === "success" ? 1 : 0, reason: l.reason ?? null });
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function applyCallLabels(tx: Tx, teamSeq: number, labels: Label[], rollups: RollupBatch) {
  if (!labels.length) return { applied: 0, pending: 0 };
  const byId = new Map(labels.map((l) => [l.key, l]));
  const calls = await lockCallsById(tx, teamSeq, labels.map((l) => l.key));
  const updates = new Columns(["text", "int2", "text"]);
  for (const c of calls) {
    const label = byId.get(c.id)!;
    rollups.changeOutcome(c, effectiveOutcome(c), effectiveOutcome({ ...c, outcome: label.outcome }));
    updates.add([c.id, label.outcome, label.reason]);
  }
  if (updates.length) {
    // Bounded by the calls' span of days, so only their partitions are read.
    const span = timeSpan(calls);
    await tx.query(
      // The app's label outranks a review's or an evaluator's (contracts §13): it takes the outcome over.
      `UPDATE "Call" c SET "outcome" = v.outcome, "outcomeReason" = v.reason, "outcomeSource" = NULL
       FROM ${updates.unnest(2)} AS v(id, outcome, reason)
       WHERE c."teamSeq" = ${teamSeq} AND c."ts" >= $1 AND c."ts" <= $2 AND c."id" = v.id`,
      [span.from, span.to, ...updates.params],
    );
  }
  const found = new Set(calls.map((c) => c.id));
  const waiting = new Columns(["int4", "text", "int2", "text"]);
  for (const l of labels) if (!found.has(l.key)) waiting.add([teamSeq, l.key, l.outcome, l.reason]);
  if (waiting.length) {
    await tx.query(
      `INSERT INTO "PendingOutcome" ("teamSeq", "callId", "outcome", "reason") SELECT * FROM ${waiting.unnest()}
       ON CONFLICT ("teamSeq", "callId") DO UPDATE SET "outcome" = EXCLUDED."outcome", "reason" = EXCLUDED."reason", "createdAt" = now()`,
      waiting.params,
    );
  }
  return { applied: found.size, pending: waiting.length };
}

async function applyTraceLabels(tx: Tx, teamSeq: number, labels: Label[], rollups: RollupBatch) {
  if (!labels.length) return { applied: 0, pending: 0 };
  const stored = new Columns(["int4", "text", "int2", "text"]);
  for (const l of labels) stored.add([teamSeq, l.key, l.outcome, l.reason]);
  await tx.query(
    `INSERT INTO "TraceOutcome" ("teamSeq", "traceId", "outcome", "reason") SELECT * FROM ${stored.unnest()}
     ON CONFLICT ("teamSeq", "traceId") DO UPDATE SET "outcome" = EXCLUDED."outcome", "reason" = EXCLUDED."reason", "updatedAt" = now()`,
    stored.params,
  );
  const byTrace = new Map(labels.map((l) => [l.key, l.outcome]));
  const steps = await lockCalls(tx, teamSeq, `"traceId" = ANY($2::text[])`, [labels.map((l) => l.key)]);
  for (const c of steps) rollups.changeOutcome(c, effectiveOutcome(c), byTrace.get(c.traceId!)!);
  if (steps.length) {
    const updates = new Columns(["text", "int2"]);
    for (const l of labels) updates.add([l.key, l.outcome]);
    await tx.query(
      `UPDATE "Call" c SET "traceOutcome" = v.outcome FROM ${updates.unnest()} AS v(trace, outcome)
       WHERE c."teamSeq" = ${teamSeq} AND c."traceId" = v.trace`,
      updates.params,
    );
  }
  const withSteps = new Set(steps.map((c) => c.traceId));
  return { applied: withSteps.size, pending: labels.length - withSteps.size };
}

/** Applies labels; a label for a call or trace not stored yet is kept and applied when it arrives. */
export async function applyOutcomes(teamId: TeamId, labels: OutcomeLabel[]) {
  const team = await getTeamStorage(teamId);
  return sqlTransaction(async (tx) => {
    await lockForLabels(tx, team.seq);
    const rollups = new RollupBatch();
    const calls = await applyCallLabels(tx, team.seq, lastPerKey(labels, (l) => l.callId), rollups);
    const traces = await applyTraceLabels(tx, team.seq, lastPerKey(labels, (l) => l.traceId), rollups);
    await writeRollups(tx, team.seq, rollups);
    return { applied: calls.applied + traces.applied, pending: calls.pending + traces.pending };
  });
}
