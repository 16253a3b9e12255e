// Calls as the API gives them out (contracts §11): the ingest event's fields as stored, camelCase with ISO
// times, plus the server's cost, the effective outcome and who set it. Pages of the list, one call with
// everything around it, and every matching call streamed as CSV or NDJSON.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { timeSpan } from "@/lib/ingest/stored-calls";
import { csvLine } from "@/lib/analytics/csv";
import { getCall } from "@/lib/analytics/queries/get-call";
import { callsWhere } from "@/lib/analytics/queries/list-calls";
import { encodeCursor, type CallsQuery } from "@/lib/analytics/schema";

type Row = {
  id: string; ts: Date; taskType: string; model: string; provider: string | null; inputTokens: number; outputTokens: number;
  cachedTokens: number | null; reasoningTokens: number | null; latencyMs: number; ttftMs: number | null; status: number; errorType: string | null;
  outcome: number | null; traceOutcome: number | null; outcomeSource: number | null; outcomeReason: string | null; traceId: string | null;
  stepIndex: number | null; contextTokens: number; toolCount: number; toolCallCount: number; attempt: number; parentId: string | null;
  escalatedFrom: string | null; shadowOf: string | null; policyVersion: number | null; ruleId: string | null; propensity: number | null;
  costNanos: bigint | null; metadata: unknown;
};

const COLUMNS = Prisma.raw(`"id", "ts", "taskType", "model", "provider", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens",
  "latencyMs", "ttftMs", "status", "errorType", "outcome", "traceOutcome", "outcomeSource", "outcomeReason", "traceId", "stepIndex",
  "contextTokens", "toolCount", "toolCallCount", "attempt", "parentId", "escalatedFrom", "shadowOf", "policyVersion", "ruleId",
  "propensity", "costNanos", "metadata"`);

const label = (v: number | null) => (v === null ? null : v === 1 ? "success" : "failure");

/**
 * Who set the effective outcome: a trace label and the app's own label are `app`; otherwise the stored
 * source (2 a review, 3 an evaluator). The effective outcome is COALESCE(traceOutcome, outcome), as on every page.
 */
function source(r: Pick<Row, "outcome" | "traceOutcome" | "outcomeSource">) {
  if (r.traceOutcome !== null) return "app";
  if (r.outcome === null) return null;
  return r.outcomeSource === 2 ? "review" : r.outcomeSource === 3 ? "evaluator" : "app";
}

export function toApiCall(r: Row) {
  return {
    // provider: the event's default (contracts §3) where it was left out.
    id: r.id, timestamp: r.ts.toISOString(), taskType: r.taskType, model: r.model, provider: r.provider ?? "openai",
    inputTokens: r.inputTokens, outputTokens: r.outputTokens, cachedInputTokens: r.cachedTokens, reasoningTokens: r.reasoningTokens,
    latencyMs: r.latencyMs, ttftMs: r.ttftMs, status: r.status === 0 ? "ok" : "error", errorType: r.errorType,
    outcome: label(r.traceOutcome ?? r.outcome), outcomeSource: source(r), outcomeReason: r.outcomeReason,
    traceId: r.traceId, stepIndex: r.stepIndex, contextTokens: r.contextTokens, toolCount: r.toolCount, toolCallCount: r.toolCallCount,
    attempt: r.attempt, parentId: r.parentId, escalatedFrom: r.escalatedFrom, shadowOf: r.shadowOf,
    policyVersion: r.policyVersion, ruleId: r.ruleId, propensity: r.propensity,
    costUsd: r.costNanos === null ? null : Number(r.costNanos) / 1e9,
    metadata: (r.metadata ?? null) as Record<string, string> | null,
  };
}
export type ApiCall = ReturnType<typeof toApiCall>;

async function page(teamId: TeamId, q: Omit<CallsQuery, "limit">, after: CallsQuery["after"], limit: number) {
  return db().$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM "Call"
    WHERE ${callsWhere(teamId, q.from, q.to, q, after)}
    ORDER BY "ts" DESC, "id" DESC
    LIMIT ${limit}`;
}

export async function listApiCalls(teamId: TeamId, q: CallsQuery) {
  const rows = await page(teamId, q, q.after, q.limit + 1);
  const kept = rows.slice(0, q.limit);
  const last = kept.at(-1);
  return { calls: kept.map(toApiCall), nextCursor: rows.length > q.limit && last ? encodeCursor(last.ts, last.id) : null };
}

/** One call with its other attempts, shadow twins, evaluator scores and captured content; null if unknown. */
export async function getApiCall(teamId: TeamId, id: string) {
  const found = await getCall(teamId, id);
  if (!found) return null;
  const others = [...found.attempts, ...found.shadows].filter((r) => r.id !== id);
  // Bounded by their times, so only their days' partitions are read.
  const span = others.length ? timeSpan(others.map((r) => ({ ts: new Date(r.ts) }))) : null;
  const related = span
    ? await db().$queryRaw<Row[]>`SELECT ${COLUMNS} FROM "Call" WHERE "teamSeq" = ${found.call.teamSeq}
        AND "ts" >= ${new Date(span.from)} AND "ts" <= ${new Date(span.to)} AND "id" IN (${Prisma.join(others.map((r) => r.id))})`
    : [];
  const byId = new Map(related.map((r) => [r.id, toApiCall(r)]));
  const self = toApiCall(found.call as Row);
  const pick = (rows: { id: string }[]) => rows.map((r) => (r.id === id ? self : byId.get(r.id))).filter((c): c is ApiCall => c !== undefined);
  return {
    ...self,
    attempts: pick(found.attempts),
    shadows: pick(found.shadows),
    scores: found.scores.map((s) => ({ evaluatorId: s.evaluatorId, version: s.version, verdict: s.verdict === 1 ? "pass" : "fail", reason: s.reason, costUsd: s.costNanos === null ? null : Number(s.costNanos) / 1e9, at: s.at.toISOString() })),
    ...(found.content ? { input: found.content.input, output: found.content.output } : {}),
  };
}

export type ExportFormat = "csv" | "ndjson";

const CSV_FIELDS = Object.keys(toApiCall({ ts: new Date(0), costNanos: null } as Row)) as (keyof ApiCall)[];
const EXPORT_BATCH = 1000;

/** Every matching call, newest first, fetched in keyset batches as the reader pulls: memory stays flat. */
export function exportCalls(teamId: TeamId, q: Omit<CallsQuery, "limit">, format: ExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after = q.after;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return controller.close();
      let text = "";
      if (!started && format === "csv") text += csvLine(CSV_FIELDS);
      started = true;
      const rows = await page(teamId, q, after, EXPORT_BATCH);
      const calls = rows.map(toApiCall);
      if (format === "csv") text += calls.map((c) => csvLine(CSV_FIELDS.map((f) => cell(c[f])))).join("");
      else text += calls.map((c) => JSON.stringify(c) + "\n").join("");
      const last = rows.at(-1);
      if (rows.length < EXPORT_BATCH || !last) done = true;
      else after = { ts: last.ts, id: last.id };
      if (text) controller.enqueue(encoder.encode(text));
      if (done) controller.close();
    },
  });
}

const cell = (v: unknown): string | number | null => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : (v as string | number));
