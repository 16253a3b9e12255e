// What one stored call adds to its hourly rollup row, and how rows of one batch are summed before
// they are written (lib/ingest/rollup-sql.ts). Pure: no I/O.
import { addToHistogram, type Histogram } from "@/lib/ingest/histogram";

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

const COUNTERS = [
  "calls", "tasks", "inputTokens", "outputTokens", "cachedTokens", "reasoningTokens", "costNanos", "unpriced",
  "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed",
] as const;
export type Counter = (typeof COUNTERS)[number];
export { COUNTERS };

export type RollupKey = { hour: Date; taskType: string; model: string; shadow: boolean; contextBucket: number; toolCount: number };
export type RollupRow = RollupKey & Record<Counter, bigint> & { latencyHist: Histogram; ttftHist: Histogram; tpsHist: Histogram };

// Context sizes the routing rules care about (the article's 3,000 and 4,000 token lines among them).
const CONTEXT_BOUNDS = [250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 16000, 32000, 64000, 128000];

export function contextBucket(tokens: number): number {
  const i = CONTEXT_BOUNDS.findIndex((b) => tokens < b);
  return i === -1 ? CONTEXT_BOUNDS.length : i;
}

export const effectiveOutcome = (c: { outcome: number | null; traceOutcome: number | null }) => c.traceOutcome ?? c.outcome;

function keyOf(c: StoredCall): RollupKey {
  const hour = new Date(Math.floor(c.ts.getTime() / 3_600_000) * 3_600_000);
  return { hour, taskType: c.taskType, model: c.model, shadow: c.shadow, contextBucket: contextBucket(c.contextTokens), toolCount: Math.min(c.toolCount, 32_767) };
}

const keyString = (k: RollupKey) => `${k.hour.getTime()}|${k.taskType}|${k.model}|${k.shadow ? 1 : 0}|${k.contextBucket}|${k.toolCount}`;

function emptyRow(key: RollupKey): RollupRow {
  const row = { ...key, latencyHist: {}, ttftHist: {}, tpsHist: {} } as RollupRow;
  for (const c of COUNTERS) row[c] = 0n;
  return row;
}

/** Sums rollup contributions by key. `add` with a partial row of counters (deltas may be negative). */
export class RollupBatch {
  private rows = new Map<string, RollupRow>();

  private row(call: StoredCall) {
    const key = keyOf(call);
    const k = keyString(key);
    let row = this.rows.get(k);
    if (!row) this.rows.set(k, (row = emptyRow(key)));
    return row;
  }

  /** A newly stored call: every counter and histogram. */
  addCall(c: StoredCall) {
    const row = this.row(c);
    const outcome = effectiveOutcome(c);
    const add: Partial<Record<Counter, bigint>> = {
      calls: 1n,
      tasks: c.attempt === 1 ? 1n : 0n,
      inputTokens: BigInt(c.inputTokens),
      outputTokens: BigInt(c.outputTokens),
      cachedTokens: BigInt(c.cachedTokens ?? 0),
      reasoningTokens: BigInt(c.reasoningTokens ?? 0),
      costNanos: c.costNanos ?? 0n,
      unpriced: c.costNanos === null ? 1n : 0n,
      labeled: outcome === null ? 0n : 1n,
      success: outcome === 1 ? 1n : 0n,
      failure: outcome === 0 ? 1n : 0n,
      errors: c.status === 1 ? 1n : 0n,
      malformed: c.errorType === "malformed_output" ? 1n : 0n,
      escalations: c.attempt > 1 && c.escalatedFrom ? 1n : 0n,
      streamed: c.ttftMs === null ? 0n : 1n,
    };
    for (const [k, v] of Object.entries(add)) row[k as Counter] += v;
    addToHistogram(row.latencyHist, c.latencyMs);
    if (c.ttftMs !== null) {
      addToHistogram(row.ttftHist, c.ttftMs);
      const generating = (c.latencyMs - c.ttftMs) / 1000;
      if (generating > 0 && c.outputTokens > 0) addToHistogram(row.tpsHist, c.outputTokens / generating);
    }
  }

  /** A stored call whose effective outcome changed (a late label). */
  changeOutcome(c: StoredCall, before: number | null, after: number | null) {
    if (before === after) return;
    const row = this.row(c);
    const one = (o: number | null, v: number) => (o === v ? 1n : 0n);
    row.labeled += (after === null ? 0n : 1n) - (before === null ? 0n : 1n);
    row.success += one(after, 1) - one(before, 1);
    row.failure += one(after, 0) - one(before, 0);
  }

  /** Calls whose price changed (a model added to the catalog, a price edited), summed per group. */
  changeCost(group: Pick<StoredCall, "ts" | "taskType" | "model" | "shadow" | "contextTokens" | "toolCount">, costDelta: bigint, unpricedDelta: bigint) {
    const key = keyOf(group as StoredCall);
    const k = keyString(key);
    let row = this.rows.get(k);
    if (!row) this.rows.set(k, (row = emptyRow(key)));
    row.costNanos += costDelta;
    row.unpriced += unpricedDelta;
  }

  /** Rows in key order, so concurrent writers lock rollup rows in the same order (no deadlocks). */
  sorted(): RollupRow[] {
    return [...this.rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  }

  get size() {
    return this.rows.size;
  }
}
