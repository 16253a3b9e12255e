// Pure arithmetic over rollup aggregates: the §6 row, intervals, cost per successful task, and the
// plain-language comparison on a task type's page. No I/O.
import { histogramCount, mergeHistograms, quantile, type Histogram } from "@/lib/rollups/histogram";
import { nanosToDollars } from "@/lib/pricing/money";

export type ModelStats = {
  taskType: string;
  model: string;
  shadow: boolean;
  calls: number;
  tasks: number;
  inputTokens: number;
  outputTokens: number;
  costNanos: bigint;
  unpriced: number;
  labeled: number;
  success: number;
  failure: number;
  errors: number;
  malformed: number;
  escalations: number;
  streamed: number;
  latencyHist: Histogram;
  ttftHist: Histogram;
  tpsHist: Histogram;
  /** Every call's latency and time to first token, where the window is small enough to read them exactly. */
  exact?: { latencies: number[]; ttfts: number[] };
};

const NUMBERS = ["calls", "tasks", "inputTokens", "outputTokens", "unpriced", "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed"] as const;

/** Sums aggregates (e.g. all models of a task type); key fields are taken from the first. */
export function combine(items: ModelStats[], key: Partial<Pick<ModelStats, "taskType" | "model" | "shadow">> = {}): ModelStats {
  const out: ModelStats = {
    taskType: "", model: "", shadow: false, costNanos: 0n, latencyHist: {}, ttftHist: {}, tpsHist: {},
    ...Object.fromEntries(NUMBERS.map((n) => [n, 0])),
    ...(items[0] ? { taskType: items[0].taskType, model: items[0].model, shadow: items[0].shadow } : {}),
    ...key,
  } as ModelStats;
  for (const s of items) {
    for (const n of NUMBERS) out[n] += s[n];
    out.costNanos += s.costNanos;
    out.latencyHist = mergeHistograms(out.latencyHist, s.latencyHist);
    out.ttftHist = mergeHistograms(out.ttftHist, s.ttftHist);
    out.tpsHist = mergeHistograms(out.tpsHist, s.tpsHist);
  }
  // Exact values survive a sum only when every part has them.
  if (items.length > 0 && items.every((s) => s.exact)) {
    out.exact = { latencies: items.flatMap((s) => s.exact!.latencies), ttfts: items.flatMap((s) => s.exact!.ttfts) };
  }
  return out;
}

/** Groups aggregates by a key and combines each group, keeping first-seen order. */
export function groupBy(items: ModelStats[], keyOf: (s: ModelStats) => string): Map<string, ModelStats> {
  const groups = new Map<string, ModelStats[]>();
  for (const s of items) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
  return new Map([...groups].map(([k, v]) => [k, combine(v)]));
}

export const successRate = (s: Pick<ModelStats, "success" | "failure">) => (s.success + s.failure > 0 ? s.success / (s.success + s.failure) : null);

/** 95% Wilson score interval for k successes in n trials; null for n = 0. */
export function wilson(k: number, n: number, z = 1.959964): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Success over several populations (task types, or the models of one): each one's rate weighted by its
 * tasks, so a task type labeled more densely than another does not weigh more. The interval is Wilson's
 * on the effective sample size of the mixture's variance. Parts without a rate are left out.
 */
export function taskWeightedSuccess(parts: { tasks: number; p: number | null; variance: number }[]) {
  const known = parts.filter((p) => p.p !== null && p.tasks > 0);
  const knownTasks = known.reduce((n, p) => n + p.tasks, 0);
  const rate = knownTasks > 0 ? known.reduce((s, p) => s + p.tasks * p.p!, 0) / knownTasks : null;
  const variance = knownTasks > 0 ? known.reduce((s, p) => s + (p.tasks / knownTasks) ** 2 * p.variance, 0) : 0;
  let low = rate, high = rate;
  if (rate !== null && variance > 0 && rate > 0 && rate < 1) {
    const n = (rate * (1 - rate)) / variance;
    ({ low, high } = wilson(rate * n, n)!);
  }
  return { rate, low, high, variance };
}

/** A population's observed success as a part of taskWeightedSuccess: its rate and the variance of that estimate. */
export function successPart(s: Pick<ModelStats, "tasks" | "success" | "failure">) {
  const n = s.success + s.failure;
  const p = successRate(s);
  return { tasks: s.tasks, p, variance: p === null ? 0 : (p * (1 - p)) / n };
}

/**
 * Spend per successful task: everything spent (retries, escalations, failures) over the tasks expected to
 * have succeeded (tasks × success rate). Null without labels or tasks.
 */
export function costPerSuccessNanos(s: Pick<ModelStats, "costNanos" | "tasks" | "success" | "failure">, rate = successRate(s)): number | null {
  if (rate === null || rate === 0 || s.tasks === 0) return null;
  return Number(s.costNanos) / (s.tasks * rate);
}

/** Nearest-rank quantile of exact values (the histogram's definition, without its 2% bucket error). */
export function exactQuantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

/** Latency (or TTFT) quantile: exact where the calls were read, else from the histogram. */
export function latencyQuantile(s: Pick<ModelStats, "latencyHist" | "ttftHist" | "exact">, q: number, of: "latency" | "ttft" = "latency") {
  if (s.exact) return exactQuantile(of === "latency" ? s.exact.latencies : s.exact.ttfts, q);
  return quantile(of === "latency" ? s.latencyHist : s.ttftHist, q);
}

const round = (v: number | null, digits = 1) => (v === null ? null : Number(v.toFixed(digits)));

/** The row of GET /api/v1/analytics/task-types (contracts §6). */
export function toTaskTypeRow(s: ModelStats) {
  return {
    taskType: s.taskType,
    model: s.model,
    calls: s.calls,
    tasks: s.tasks,
    costUsd: nanosToDollars(s.costNanos),
    costPerTaskUsd: s.tasks > 0 ? Number(s.costNanos) / s.tasks / 1e9 : null,
    inputTokens: s.inputTokens,
    outputTokens: s.outputTokens,
    labeled: s.labeled,
    successRate: successRate(s),
    errorRate: s.calls > 0 ? s.errors / s.calls : null,
    escalationRate: s.tasks > 0 ? s.escalations / s.tasks : null,
    latencyP50Ms: round(latencyQuantile(s, 0.5)),
    latencyP95Ms: round(latencyQuantile(s, 0.95)),
    ttftP50Ms: round(latencyQuantile(s, 0.5, "ttft")),
    outputTokensPerSec: round(quantile(s.tpsHist, 0.5), 2),
  };
}
export type TaskTypeRow = ReturnType<typeof toTaskTypeRow>;

/** Share of a histogram's values in each range [edges[i], edges[i+1]); the last range is open. */
export function histogramShares(h: Histogram, edges: number[]): number[] {
  const total = histogramCount(h);
  const counts = edges.map(() => 0);
  if (total === 0) return counts;
  // Each bucket is counted at its representative value (within 2% of every value in it).
  for (const [bucket, n] of Object.entries(h)) {
    const v = quantile({ [bucket]: 1 }, 0.5) ?? 0;
    let i = edges.length - 1;
    while (i > 0 && v < edges[i]) i--;
    counts[i] += n;
  }
  return counts.map((c) => c / total);
}

export const MIN_LABELS = 30;

function share(ratio: number) {
  const named: [number, string][] = [[0.25, "a quarter"], [1 / 3, "a third"], [0.5, "half"]];
  const hit = named.find(([v]) => Math.abs(ratio - v) < 0.03);
  return hit ? hit[1] : `${Math.round(ratio * 100)}%`;
}

/**
 * One sentence comparing the cheapest and the dearest well-labeled model of a task type, or null when
 * fewer than two models have 30 labels. "Within" only when the 95% intervals overlap.
 */
export function compareModels(taskType: string, models: ModelStats[]): string | null {
  const usable = models.filter((m) => m.success + m.failure >= MIN_LABELS && m.tasks > 0);
  if (usable.length < 2) return null;
  const perTask = (m: ModelStats) => Number(m.costNanos) / m.tasks;
  const [cheap, dear] = [...usable].sort((a, b) => perTask(a) - perTask(b)).filter((_, i, all) => i === 0 || i === all.length - 1);
  const n = (m: ModelStats) => (m.success + m.failure).toLocaleString("en-US");
  const [pc, pd] = [successRate(cheap)!, successRate(dear)!];
  const [ic, id] = [wilson(cheap.success, cheap.success + cheap.failure)!, wilson(dear.success, dear.success + dear.failure)!];
  const points = Math.abs(pd - pc) * 100;
  const cost = share(perTask(cheap) / perTask(dear));
  // The label counts in the order the sentence names the models.
  const evidence = (first: ModelStats, second: ModelStats) => `n = ${n(first)} and ${n(second)} labels`;
  if (pc >= pd) return `On ${taskType} ${cheap.model} succeeds at least as often as ${dear.model} (${(pc * 100).toFixed(1)}% vs ${(pd * 100).toFixed(1)}%) at ${cost} of the cost per task, ${evidence(cheap, dear)}.`;
  if (ic.high >= id.low) return `On ${taskType} ${cheap.model} is within ${points.toFixed(1)} points of ${dear.model} at ${cost} of the cost per task, ${evidence(cheap, dear)}.`;
  return `On ${taskType} ${dear.model} succeeds ${points.toFixed(1)} points more often than ${cheap.model} (the 95% intervals do not overlap, ${evidence(dear, cheap)}); ${cheap.model} costs ${cost} as much per task.`;
}
