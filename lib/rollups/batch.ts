// What one stored call adds to its hourly rollup row and to its task-size row, and how rows of one batch
// are summed before they are written (lib/rollups/write.ts). Pure: no I/O.
import { addToHistogram, type Histogram } from "@/lib/rollups/histogram";

/** The columns of a stored call that rollups depend on. outcome/traceOutcome: 1 success, 0 failure. */
export type StoredCall = {
  ts: Date;
  taskType: string;
  model: string;
  shadow: boolean;
  contextTokens: number;
  toolCount: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number | null;
  reasoningTokens: number | null;
  costNanos: bigint | null;
  status: number;
  errorType: string | null;
  outcome: number | null;
  traceOutcome: number | null;
  attempt: number;
  escalatedFrom: string | null;
  latencyMs: number;
  ttftMs: number | null;
};

export const COUNTERS = [
  "calls", "tasks", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", "unpriced",
  "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed", "taskInputTokens", "taskOutputTokens", "latencyMsSum",
] as const;
export type Counter = (typeof COUNTERS)[number];

export type RollupKey = { hour: Date; taskType: string; model: string; shadow: boolean; contextBucket: number; toolCount: number };
export type RollupRow = RollupKey & Record<Counter, bigint> & { latencyHist: Histogram; ttftHist: Histogram; tpsHist: Histogram };

// Context sizes the routing rules care about. Bucket i holds sizes below CONTEXT_BOUNDS[i], so each bound
// is a round number + 1: "contextTokens > 4000" (the article's line) separates whole buckets, and the
// simulator answers it from rollups alone.
export const CONTEXT_BOUNDS = [251, 501, 1001, 2001, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001];

export function contextBucket(tokens: number): number {
  const i = CONTEXT_BOUNDS.findIndex((b) => tokens < b);
  return i === -1 ? CONTEXT_BOUNDS.length : i;
}

/**
 * A call's latency in whole ms as the sums keep it (the simulator's mean latency per cell): rounded from the
 * stored float4, as the SQL rebuild rounds it (floor("latencyMs"::float8 + 0.5)), so both give the same sums.
 */
export const wholeMs = (latencyMs: number) => Math.floor(Math.fround(latencyMs) + 0.5);

export const effectiveOutcome = (c: { outcome: number | null; traceOutcome: number | null }) => c.traceOutcome ?? c.outcome;

/** The columns of a call that decide its rollup row. */
type KeyFields = Pick<StoredCall, "ts" | "taskType" | "model" | "shadow" | "contextTokens" | "toolCount">;

/**
 * One UTC day of calls at one exact context size (CallTaskSize): the simulator reads these where a rule's
 * threshold falls inside a context bucket. `tasks` and their tokens count production first attempts (the
 * population a policy routes); `calls`, their latency, `answered`, its output tokens, `success` and `failure`
 * count every call, shadow calls and retries included (the evidence), as the hourly rows do.
 */
export const SIZE_COUNTERS = ["tasks", "inputTokens", "outputTokens", "calls", "latencyMsSum", "answered", "answeredOutputTokens", "success", "failure"] as const;
export type SizeKey = { contextTokens: number; day: Date; taskType: string; model: string; toolCount: number };
export type SizeRow = SizeKey & Record<(typeof SIZE_COUNTERS)[number], bigint>;

const DAY_MS = 86_400_000;

function emptyRow(key: RollupKey): RollupRow {
  const row = { ...key, latencyHist: {}, ttftHist: {}, tpsHist: {} } as RollupRow;
  for (const c of COUNTERS) row[c] = 0n;
  return row;
}

/** Sums rollup contributions by key. `add` with a partial row of counters (deltas may be negative). */
export class RollupBatch {
  private rows = new Map<string, RollupRow>();
  private sizeRows = new Map<string, SizeRow>();

  // The key objects are made only for a new row: most calls of a batch add to a row that exists.
  private size(c: KeyFields) {
    const dayMs = Math.floor(c.ts.getTime() / DAY_MS) * DAY_MS;
    const toolCount = Math.min(c.toolCount, 32_767);
    const k = `${c.contextTokens}|${dayMs}|${c.taskType}|${c.model}|${toolCount}`;
    let row = this.sizeRows.get(k);
    if (!row) {
      row = { contextTokens: c.contextTokens, day: new Date(dayMs), taskType: c.taskType, model: c.model, toolCount } as SizeRow;
      for (const n of SIZE_COUNTERS) row[n] = 0n;
      this.sizeRows.set(k, row);
    }
    return row;
  }

  private row(c: KeyFields) {
    const hourMs = Math.floor(c.ts.getTime() / 3_600_000) * 3_600_000;
    const bucket = contextBucket(c.contextTokens);
    const toolCount = Math.min(c.toolCount, 32_767);
    const k = `${hourMs}|${c.taskType}|${c.model}|${c.shadow ? 1 : 0}|${bucket}|${toolCount}`;
    let row = this.rows.get(k);
    if (!row) this.rows.set(k, (row = emptyRow({ hour: new Date(hourMs), taskType: c.taskType, model: c.model, shadow: c.shadow, contextBucket: bucket, toolCount })));
    return row;
  }

  /** A newly stored call: every counter and histogram. */
  addCall(c: StoredCall) {
    const row = this.row(c);
    const outcome = effectiveOutcome(c);
    row.calls += 1n;
    if (c.attempt === 1) {
      row.tasks += 1n;
      row.taskInputTokens += BigInt(c.inputTokens);
      row.taskOutputTokens += BigInt(c.outputTokens);
    }
    row.inputTokens += BigInt(c.inputTokens);
    row.outputTokens += BigInt(c.outputTokens);
    row.cachedTokens += BigInt(c.cachedTokens ?? 0);
    row.reasoningTokens += BigInt(c.reasoningTokens ?? 0);
    if (c.costNanos === null) row.unpriced += 1n;
    else row.costNanos += c.costNanos;
    if (outcome !== null) row.labeled += 1n;
    if (outcome === 1) row.success += 1n;
    if (outcome === 0) row.failure += 1n;
    // A call the app cancelled is no failure of the model's (contracts §10): not an error, not escalated.
    if (c.status === 1 && c.errorType !== "aborted") row.errors += 1n;
    if (c.errorType === "malformed_output") row.malformed += 1n;
    // An escalation counts against the model that failed, so a model's escalation rate reads "how often
    // its tasks had to be handed on", on the failed attempt's key (same task type, size and tools).
    if (c.attempt > 1 && c.escalatedFrom) this.row({ ...c, model: c.escalatedFrom }).escalations += 1n;
    if (c.ttftMs !== null) row.streamed += 1n;
    const ms = BigInt(wholeMs(c.latencyMs));
    row.latencyMsSum += ms;
    addToHistogram(row.latencyHist, c.latencyMs);
    if (c.ttftMs !== null) {
      addToHistogram(row.ttftHist, c.ttftMs);
      const generating = (c.latencyMs - c.ttftMs) / 1000;
      if (generating > 0 && c.outputTokens > 0) addToHistogram(row.tpsHist, c.outputTokens / generating);
    }
    const size = this.size(c);
    size.calls += 1n;
    size.latencyMsSum += ms;
    if (c.attempt === 1 && !c.shadow) {
      size.tasks += 1n;
      size.inputTokens += BigInt(c.inputTokens);
      size.outputTokens += BigInt(c.outputTokens);
    }
    if (c.status !== 1) {
      size.answered += 1n;
      size.answeredOutputTokens += BigInt(c.outputTokens);
    }
    if (outcome === 1) size.success += 1n;
    if (outcome === 0) size.failure += 1n;
  }

  /** A stored call whose effective outcome changed (a late label). */
  changeOutcome(c: StoredCall, before: number | null, after: number | null) {
    if (before === after) return;
    const row = this.row(c);
    const one = (o: number | null, v: number) => (o === v ? 1n : 0n);
    row.labeled += (after === null ? 0n : 1n) - (before === null ? 0n : 1n);
    row.success += one(after, 1) - one(before, 1);
    row.failure += one(after, 0) - one(before, 0);
    const size = this.size(c);
    size.success += one(after, 1) - one(before, 1);
    size.failure += one(after, 0) - one(before, 0);
  }

  /** Calls whose price changed (a model added to the catalog, a price edited), summed per group. */
  changeCost(group: KeyFields, costDelta: bigint, unpricedDelta: bigint) {
    const row = this.row(group);
    row.costNanos += costDelta;
    row.unpriced += unpricedDelta;
  }

  /** Rows in key order, so concurrent writers lock rollup rows in the same order (no deadlocks). */
  sorted(): RollupRow[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }

  /** Task-size rows in primary-key order (context size, day, task type, model, tool count), for the same reason. */
  sortedSizes(): SizeRow[] {
    const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.sizeRows.values()].sort((a, b) =>
      a.contextTokens - b.contextTokens || a.day.getTime() - b.day.getTime() || text(a.taskType, b.taskType) || text(a.model, b.model) || a.toolCount - b.toolCount);
  }
}
