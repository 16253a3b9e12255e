// The ingest path (contracts §3-§4): validate, price, store calls and their rollups in one transaction.
import type { TeamId } from "@/lib/auth/team-id";
import { sqlTransaction } from "@/lib/db";
import { issuesOf, type Issue } from "@/lib/http/errors";
import { costNanos, indexPrices, priceAt, type Price } from "@/lib/pricing/cost";
import { lockForIngest } from "@/lib/ingest/locks";
import { getTeamStorage } from "@/lib/teams/data";
import { truncateUtf8 } from "@/lib/ingest/content";
import { noteIngest } from "@/lib/ingest/activity";
import { RollupBatch, type StoredCall } from "@/lib/rollups/batch";
import { writeRollups } from "@/lib/rollups/write";
import { quickEvent } from "@/lib/ingest/fast-event";
import { callEventSchema, MAX_CONTENT_BYTES, type CallEvent } from "@/lib/ingest/schema";
import { Columns, copyText, int8, type Tx } from "@/lib/ingest/sql";
import { GroupCommit } from "@/lib/ingest/group-commit";

export type IngestResult = {
  accepted: number;
  duplicates: number;
  rejected: { index: number; id?: string; errors: Issue[] }[];
};

type Row = StoredCall & { id: string; event: CallEvent; outcomeReason: string | null };

const CALL_COLUMNS = [
  "teamSeq", "id", "ts", "taskType", "model", "provider", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens",
  "latencyMs", "ttftMs", "status", "errorType", "outcome", "traceOutcome", "outcomeReason", "traceId", "stepIndex",
  "contextTokens", "toolCount", "toolCallCount", "attempt", "parentId", "escalatedFrom", "shadowOf", "policyVersion",
  "ruleId", "costNanos", "clientCostNanos", "metadata", "propensity",
];

const label = (o: "success" | "failure" | undefined) => (o === undefined ? null : o === "success" ? 1 : 0);

function validate(events: unknown[]) {
  const valid: { index: number; event: CallEvent }[] = [];
  const rejected: IngestResult["rejected"] = [];
  events.forEach((raw, index) => {
    const quick = quickEvent(raw);
    if (quick) return valid.push({ index, event: quick });
    const parsed = callEventSchema.safeParse(raw);
    if (parsed.success) return valid.push({ index, event: parsed.data });
    const id = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : undefined;
    rejected.push({ index, ...(id ? { id } : {}), errors: issuesOf(parsed.error) });
  });
  return { valid, rejected };
}

async function pendingLabels(tx: Tx, teamSeq: number, ids: string[]) {
  if (!ids.length) return new Map<string, { outcome: number; reason: string | null }>();
  const rows = await tx.query<{ callId: string; outcome: number; reason: string | null }>(
    `SELECT "callId", "outcome", "reason" FROM "PendingOutcome" WHERE "teamSeq" = $1 AND "callId" = ANY($2::text[])`,
    [teamSeq, ids],
  );
  return new Map(rows.map((r) => [r.callId, { outcome: Number(r.outcome), reason: r.reason }]));
}

async function traceLabels(tx: Tx, teamSeq: number, traceIds: string[]) {
  if (!traceIds.length) return new Map<string, number>();
  const rows = await tx.query<{ traceId: string; outcome: number }>(
    `SELECT "traceId", "outcome" FROM "TraceOutcome" WHERE "teamSeq" = $1 AND "traceId" = ANY($2::text[])`,
    [teamSeq, traceIds],
  );
  return new Map(rows.map((r) => [r.traceId, Number(r.outcome)]));
}

async function readPrices(tx: Tx, teamId: TeamId): Promise<Price[]> {
  const rows = await tx.query<{ model: string; effectiveFrom: Date; input: string; output: string; cached: string | null }>(
    `SELECT "model", "effectiveFrom", "inputMicros"::text AS input, "outputMicros"::text AS output, "cachedInputMicros"::text AS cached
     FROM "ModelPrice" WHERE "teamId" = $1`,
    [teamId],
  );
  return rows.map((r) => ({
    model: r.model, effectiveFrom: new Date(r.effectiveFrom), inputMicros: BigInt(r.input), outputMicros: BigInt(r.output),
    cachedInputMicros: r.cached === null ? null : BigInt(r.cached),
  }));
}

/** Claims the batch's ids in "CallId" (the partitioned "Call" cannot hold a unique index on the id); returns those new. */
async function claimIds(tx: Tx, teamSeq: number, rows: Row[]): Promise<Set<string>> {
  const ids = new Columns(["int4", "text", "timestamptz"]);
  for (const r of rows) ids.add([teamSeq, r.id, r.ts.toISOString()]);
  const claimed = await tx.query<{ id: string }>(
    `INSERT INTO "CallId" ("teamSeq", "id", "ts") SELECT * FROM ${ids.unnest()} ON CONFLICT DO NOTHING RETURNING "id"`,
    ids.params,
  );
  return new Set(claimed.map((r) => r.id));
}

async function insertCalls(tx: Tx, teamSeq: number, rows: Row[]) {
  if (!rows.length) return;
  const values = rows.map((r) => {
    const e = r.event;
    return [
      teamSeq, r.id, r.ts.toISOString(), r.taskType, r.model, e.provider ?? null, r.inputTokens, r.outputTokens, r.cachedTokens, r.reasoningTokens,
      r.latencyMs, r.ttftMs, r.status, r.errorType, r.outcome, r.traceOutcome, r.outcomeReason, e.traceId ?? null, e.stepIndex ?? null,
      r.contextTokens, r.toolCount, e.toolCallCount ?? 0, r.attempt, e.parentId ?? null, r.escalatedFrom, e.shadowOf ?? null, e.policyVersion ?? null,
      e.ruleId ?? null, int8(r.costNanos), r.costNanos === null && e.costUsd !== undefined ? String(Math.round(e.costUsd * 1e9)) : null,
      e.metadata ? JSON.stringify(e.metadata) : null, e.propensity ?? null,
    ];
  });
  await tx.copyFrom("Call", CALL_COLUMNS, copyText(values));
}

async function insertContent(tx: Tx, teamSeq: number, rows: Row[]) {
  const values = rows.flatMap((r) => (r.event.input === undefined && r.event.output === undefined ? []
    : [[teamSeq, r.id, r.ts.toISOString(), truncateUtf8(r.event.input, MAX_CONTENT_BYTES), truncateUtf8(r.event.output, MAX_CONTENT_BYTES)]]));
  if (!values.length) return;
  // Only calls whose ids this batch claimed come here, so a call never gets two rows of content.
  await tx.copyFrom("CallContent", ["teamSeq", "callId", "ts", "input", "output"], copyText(values));
}

const groups = new GroupCommit<CallEvent>((teamId, events) => storeEvents(teamId as TeamId, events));

/**
 * Stores a batch. Valid events are stored even when others are rejected; an id already stored (in this
 * batch or before) is a duplicate and changes nothing. Batches of a team that arrive together are stored
 * together (group-commit.ts); either way, every accepted event is committed before this returns.
 */
export async function ingestEvents(teamId: TeamId, events: unknown[]): Promise<IngestResult> {
  const { valid, rejected } = validate(events);
  const firstById = new Map<string, CallEvent>();
  for (const { event } of valid) if (!firstById.has(event.id)) firstById.set(event.id, event);
  if (firstById.size === 0) return { accepted: 0, duplicates: valid.length, rejected };
  noteIngest();
  const inserted = await groups.add(teamId, [...firstById.values()]);
  return { accepted: inserted, duplicates: valid.length - inserted, rejected };
}

/**
 * Calls, rollups, pending labels and content of events with distinct ids, in one transaction; the ids it
 * stored (those not stored before).
 */
async function storeEvents(teamId: TeamId, events: CallEvent[]): Promise<Set<string>> {
  const team = await getTeamStorage(teamId);
  // Sorted by id so that concurrent batches sharing ids take row locks in the same order.
  const batch = [...events].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  return sqlTransaction(async (tx) => {
    await lockForIngest(tx, team.seq);
    const catalog = indexPrices(await readPrices(tx, teamId));
    const pending = await pendingLabels(tx, team.seq, batch.map((e) => e.id));
    const traces = await traceLabels(tx, team.seq, [...new Set(batch.flatMap((e) => (e.traceId ? [e.traceId] : [])))]);
    const rows: Row[] = batch.map((e) => {
      const price = priceAt(catalog, e.model, e.timestamp);
      const usage = { inputTokens: e.inputTokens, outputTokens: e.outputTokens, cachedTokens: e.cachedInputTokens };
      return {
        id: e.id, event: e, ts: e.timestamp, taskType: e.taskType, model: e.model, shadow: e.shadowOf !== undefined,
        contextTokens: e.contextTokens ?? e.inputTokens, toolCount: e.toolCount ?? 0,
        inputTokens: e.inputTokens, outputTokens: e.outputTokens, cachedTokens: e.cachedInputTokens ?? null, reasoningTokens: e.reasoningTokens ?? null,
        costNanos: price ? costNanos(usage, price) : null, status: e.status === "error" ? 1 : 0, errorType: e.errorType ?? null,
        outcome: pending.get(e.id)?.outcome ?? label(e.outcome), outcomeReason: pending.get(e.id)?.reason ?? null, traceOutcome: e.traceId ? (traces.get(e.traceId) ?? null) : null,
        attempt: e.attempt ?? 1, escalatedFrom: e.escalatedFrom ?? null, latencyMs: e.latencyMs, ttftMs: e.ttftMs ?? null,
      };
    });
    const claimed = await claimIds(tx, team.seq, rows);
    const fresh = rows.filter((r) => claimed.has(r.id));
    await insertCalls(tx, team.seq, fresh);
    const applied = fresh.filter((r) => pending.has(r.id)).map((r) => r.id);
    if (applied.length) {
      await tx.query(`DELETE FROM "PendingOutcome" WHERE "teamSeq" = $1 AND "callId" = ANY($2::text[])`, [team.seq, applied]);
    }
    if (team.captureContent) await insertContent(tx, team.seq, fresh);
    // Evaluators run in the job worker, never here: ingest only notes which calls are new.
    if (team.evaluating && fresh.length) {
      await tx.query(`INSERT INTO "EvalPending" ("teamSeq", "callIds") VALUES ($1, $2::text[])`, [team.seq, fresh.map((r) => r.id)]);
    }
    // Last: concurrent batches of a team add to the same rollup rows, whose locks are held until the commit.
    const rollups = new RollupBatch();
    fresh.forEach((r) => rollups.addCall(r));
    await writeRollups(tx, team.seq, rollups);
    return claimed;
  });
}
