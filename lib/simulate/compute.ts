// compute: the projection itself, pure (no I/O), so it runs in tests and for live previews alike.
// Every group of first attempts is routed by the SDK's own evaluator (chooseShares) and priced at the
// chosen model. Success: where the policy routes a task type all one way, the model's observed success on
// the task type (contracts §7); where it routes the task type's cells (context bucket × tool count, and
// the values of metadata keys a rule tests) differently, each part gets the model's success on the cells it routes, partially pooled toward the
// task type as a whole (lib/simulate/pooling.ts), so a sharp rule is judged on the traffic it gets.
import { chooseShares, type Policy } from "@switchyard/sdk";
import { taskWeightedSuccess } from "@/lib/analytics/stats";
import { histogramCount, quantile, scaleHistogram, type Histogram } from "@/lib/rollups/histogram";
import { cellStart, type Plan } from "@/lib/simulate/plan";
import type { Sample } from "@/lib/simulate/sample";
import { priorStrength, shrink } from "@/lib/simulate/pooling";
import type { Assumptions } from "@/lib/simulate/schema";

/** First attempts (production) that share every feature a rule can test. Tokens are sums over the group. */
export type Group = { taskType: string; model: string; contextTokens: number; toolCount: number; metadata?: Record<string, string>; tasks: number; inputTokens: number; outputTokens: number };
/** Everything logged for a task type on a model, shadow calls included: the evidence for projections. */
export type Evidence = { taskType: string; model: string; calls: number; shadowCalls: number; outputTokens: number; success: number; failure: number; errors: number; malformed: number; latencyHist: Histogram };
/** What production did per task type: every attempt's cost, observed labels, escalations, latency. */
export type Baseline = { taskType: string; tasks: number; costNanos: bigint; success: number; failure: number; escalations: number; latencyHist: Histogram };
/** Current prices, micro-dollars per 1M tokens. */
export type Prices = Record<string, { input: number; output: number }>;
/**
 * Labels of a task type on a model in one cell (context × tool count, and where the policy routes on metadata,
 * the values of the keys it tests as `meta`: JSON in metadataKeys order), shadow calls included, with the
 * answered (not errored) calls and their output tokens behind the cell's output-token ratio, and every call
 * with its latency summed (whole ms) behind the cell's mean latency. `contextFrom`:
 * the cell's first context size (plan.ts cellStart): a rollup bucket's, or a context segment's where the plan
 * reads a bucket exactly, so both sides of a threshold inside a bucket have their own labels.
 */
export type CellEvidence = {
  taskType: string; model: string; contextFrom: number; toolCount: number; meta?: string;
  calls: number; latencyMsSum: number; answered: number; outputTokens: number; success: number; failure: number;
};
/** `plan`: how fetch cut cells and groups (without it, by rollup bucket). */
/** `bucketLevelUntil`: the window's hours before it were read at rollup level, their single calls past retention. */
/** `sample`: the raw calls behind a metadata rule were a sample (sample.ts). */
export type SimData = { groups: Group[]; evidence: Evidence[]; cells: CellEvidence[]; plan?: Plan; metadataKeys?: string[]; baseline: Baseline[]; prices: Prices; bucketLevelUntil?: Date | null; sample?: Sample | null };

export type Warning = { code: "insufficient_evidence" | "unpriced_model"; model: string; message: string };

/** Totals in nano-dollars and plain rates; `variance` is the variance of the success estimate. */
export type Tally = {
  tasks: number; costNanos: number; reviewNanos: number; successRate: number | null; successRateLow: number | null; successRateHigh: number | null;
  escalationRate: number; latencyP50Ms: number | null;
  /** Kept for adding task types up: the success estimate's variance and the task-weighted latency histogram. */
  variance: number; latency: Histogram;
};

/**
 * Where a policy routes a task type's cells differently: each part (a distinct routing), its tasks and,
 * per model it routes to, the labels of the cells it covers and the success used; `pooled` when those
 * are fewer than minSamples, so the task type as a whole carried the estimate.
 */
export type RoutedPart = {
  routes: Record<string, number>; tasks: number;
  evidence: Record<string, { labeled: number; successRate: number | null; pooled: boolean }>;
};

export type TaskTypeResult = {
  taskType: string; tasks: number; baseline: Tally; projected: Tally; modelMix: Record<string, number>;
  evidence: Record<string, { labeled: number; successRate: number | null }>; warnings: Warning[];
  parts: RoutedPart[];
};

type Part = { tasks: number; p: number | null; variance: number; hist: Histogram | null };

/**
 * Adds up parts (the models of a task type, or task types): success is their task-weighted mean (as the
 * Overview's); latency mixes each part's histogram scaled to its tasks.
 */
function tally(parts: Part[], costNanos: number, escalated: number, reviewNanos: number): Tally {
  const tasks = parts.reduce((n, p) => n + p.tasks, 0);
  const { rate, low, high, variance } = taskWeightedSuccess(parts);
  const latency: Histogram = {};
  for (const p of parts) {
    const count = p.hist ? histogramCount(p.hist) : 0;
    if (!p.hist || count === 0 || p.tasks === 0) continue;
    for (const [b, c] of Object.entries(p.hist)) latency[b] = (latency[b] ?? 0) + (c * p.tasks) / count;
  }
  return {
    tasks, costNanos, reviewNanos,
    successRate: rate, successRateLow: low, successRateHigh: high,
    escalationRate: tasks > 0 ? escalated / tasks : 0,
    latencyP50Ms: quantile(latency, 0.5), variance, latency,
  };
}

const reviewOf = (parts: Part[], perFailure: number) => parts.reduce((s, p) => s + (p.p === null ? 0 : p.tasks * (1 - p.p) * perFailure), 0);

export function compute(data: SimData, policy: Policy, a: Assumptions): TaskTypeResult[] {
  const review = a.reviewCostPerFailureUsd * 1e9;
  const evidence = new Map(data.evidence.map((e) => [`${e.taskType}|${e.model}`, e]));
  const ev = (t: string, m: string) => evidence.get(`${t}|${m}`);
  const labels = (t: string, m: string) => { const e = ev(t, m); return e ? e.success + e.failure : 0; };
  const cells = new Map<string, CellEvidence[]>();
  for (const c of data.cells) {
    const list = cells.get(`${c.taskType}|${c.model}`) ?? [];
    list.push(c);
    cells.set(`${c.taskType}|${c.model}`, list);
  }
  const keys = data.metadataKeys ?? [];
  const metaOf = (metadata: Record<string, string> | undefined) => (keys.length ? JSON.stringify(keys.map((k) => metadata?.[k] ?? null)) : "");
  // Mean output of answered calls: an error writes nothing, and models fail at different rates.
  const answered = (t: string, m: string) => { const e = ev(t, m); return e ? e.calls - e.errors : 0; };
  const meanOut = (t: string, m: string) => (answered(t, m) > 0 ? ev(t, m)!.outputTokens / answered(t, m) : 0);
  const ratio = (t: string, from: string, to: string) =>
    from !== to && answered(t, from) >= a.minSamples && answered(t, to) >= a.minSamples && meanOut(t, from) > 0 ? meanOut(t, to) / meanOut(t, from) : 1;
  const cellCalls = new Map(data.cells.map((c) => [`${c.taskType}|${c.model}|${c.contextFrom}|${c.toolCount}|${c.meta ?? ""}`, c]));
  /** The output-token ratio in one cell where both models have minSamples calls there (output length moves with size), else the task type's. */
  const ratioIn = (t: string, from: string, to: string, cell: string) => {
    const f = cellCalls.get(`${t}|${from}|${cell}`), g = cellCalls.get(`${t}|${to}|${cell}`);
    if (from === to || !f || !g || f.answered < a.minSamples || g.answered < a.minSamples || f.outputTokens <= 0) return ratio(t, from, to);
    return (g.outputTokens / g.answered) / (f.outputTokens / f.answered);
  };
  const escalation = policy.escalation;
  const detected = (t: string, m: string) => {
    const e = ev(t, m);
    if (!e || e.failure === 0 || !escalation) return 0;
    const n = (escalation.on.includes("error") ? e.errors : 0) + (escalation.on.includes("malformed_output") ? e.malformed : 0);
    return Math.min(1, n / e.failure);
  };

  return data.baseline.map((base) => {
    const t = base.taskType;
    const baseN = base.success + base.failure;
    const baseRate = baseN > 0 ? base.success / baseN : null;
    const warnings = new Map<string, Warning>();
    /** Success of (t, m) with the variance of its estimate, or the observed baseline when evidence is thin. */
    const successOf = (m: string) => {
      const n = labels(t, m);
      if (n >= a.minSamples) { const p = ev(t, m)!.success / n; return { p, variance: (p * (1 - p)) / n }; }
      warnings.set(`e|${m}`, { code: "insufficient_evidence", model: m, message:
        `${m} has ${n} labeled ${t} calls, fewer than ${a.minSamples}: its success is assumed to be the observed ${baseRate === null ? "rate (none labeled either)" : `${(baseRate * 100).toFixed(1)}%`}.` });
      return { p: baseRate, variance: baseRate === null || baseN === 0 ? 0 : (baseRate * (1 - baseRate)) / baseN };
    };
    const priceOf = (m: string) => {
      const price = data.prices[m];
      if (!price) warnings.set(`p|${m}`, { code: "unpriced_model", model: m, message: `${m} has no price in the catalog: its calls are projected at $0. Add its price in Settings → Models.` });
      return price ?? { input: 0, output: 0 };
    };

    // The routings the policy gives this task type's groups, and how many tasks of each cell each one gets.
    const cellOf = (g: Group) => `${cellStart(data.plan, t, g.contextTokens)}|${Math.min(g.toolCount, 32_767)}|${metaOf(g.metadata)}`;
    const routings = new Map<string, { shares: ReturnType<typeof chooseShares>; cells: Map<string, number>; tasks: number }>();
    const cellTasks = new Map<string, number>();
    const groups = data.groups.filter((x) => x.taskType === t).map((g) => {
      const shares = chooseShares(policy, g);
      const key = shares.map((x) => `${x.model}:${x.share}`).sort().join(",");
      const r = routings.get(key) ?? { shares, cells: new Map<string, number>(), tasks: 0 };
      routings.set(key, r);
      const cell = cellOf(g);
      r.cells.set(cell, (r.cells.get(cell) ?? 0) + g.tasks);
      r.tasks += g.tasks;
      cellTasks.set(cell, (cellTasks.get(cell) ?? 0) + g.tasks);
      return { g, shares, key };
    });
    const byCells = routings.size > 1; // one routing for the whole task type: its evidence as a whole, as always

    /** The share of a cell's tasks that a routing takes: how much of that cell's evidence speaks for it. */
    const shareOf = (key: string, c: CellEvidence) => {
      const cell = `${c.contextFrom}|${c.toolCount}|${c.meta ?? ""}`;
      const total = cellTasks.get(cell) ?? 0;
      return total > 0 ? Math.min(1, Math.max(0, (routings.get(key)!.cells.get(cell) ?? 0) / total)) : 0;
    };

    /** Success of (t, m) on the cells a routing covers: their labels, in proportion to the tasks it takes of each, pooled. */
    const strengths = new Map<string, number>();
    const successIn = (key: string, m: string) => {
      const whole = successOf(m);
      const n = labels(t, m);
      if (!byCells || n < a.minSamples || whole.p === null) return { ...whole, labeled: n, pooled: false };
      const mine = (cells.get(`${t}|${m}`) ?? []);
      if (!strengths.has(m)) strengths.set(m, priorStrength(mine));
      let s = 0, k = 0;
      for (const c of mine) {
        const share = shareOf(key, c);
        s += share * c.success;
        k += share * (c.success + c.failure);
      }
      const shrunk = shrink(s, k, whole.p, strengths.get(m)!, n);
      return { p: shrunk.p, variance: shrunk.variance, labeled: k, pooled: k < a.minSamples };
    };

    /**
     * The latency of (t, m) on the cells a routing covers against the task type as a whole: the ratio of mean
     * latencies (the cells' sums, in proportion to the tasks the routing takes of each) where those cells
     * hold minSamples calls of m, else 1. The part's latency is m's histogram on the task type scaled by it.
     */
    const latencyFactor = (key: string, m: string) => {
      if (!byCells) return 1;
      let calls = 0, ms = 0, allCalls = 0, allMs = 0;
      for (const c of cells.get(`${t}|${m}`) ?? []) {
        const share = shareOf(key, c);
        calls += share * c.calls;
        ms += share * c.latencyMsSum;
        allCalls += c.calls;
        allMs += c.latencyMsSum;
      }
      return calls >= a.minSamples && ms > 0 && allMs > 0 ? ms / calls / (allMs / allCalls) : 1;
    };

    /** Tasks a routing sends to a model: their success after escalation, the estimate's variance, the escalated share. */
    const outcomes = new Map<string, { p: number | null; variance: number; escalated: number }>();
    const outcomeOf = (key: string, model: string) => {
      let o = outcomes.get(`${key}|${model}`);
      if (o) return o;
      const own = successIn(key, model);
      if (!escalation || model === escalation.model || own.p === null) o = { p: own.p, variance: own.variance, escalated: 0 };
      else {
        const d = detected(t, model);
        const pe = successIn(key, escalation.model).p ?? 0;
        const escalated = (1 - own.p) * d;
        o = { p: own.p + escalated * pe, variance: (1 - d * pe) ** 2 * own.variance, escalated };
      }
      outcomes.set(`${key}|${model}`, o);
      return o;
    };

    const routed = new Map<string, number>(); // by model
    const routedParts = new Map<string, { key: string; model: string; tasks: number }>(); // by routing and model
    let cost = 0;
    for (const { g, shares, key } of groups) {
      for (const { model, share } of shares) {
        // Token counts × micro-dollars per 1M tokens / 1,000 = nano-dollars.
        const costOn = (m: string) => (share * (g.inputTokens * priceOf(m).input + g.outputTokens * ratioIn(t, g.model, m, cellOf(g)) * priceOf(m).output)) / 1000;
        cost += costOn(model);
        const { escalated } = outcomeOf(key, model);
        if (escalated > 0) cost += escalated * costOn(escalation!.model);
        routed.set(model, (routed.get(model) ?? 0) + g.tasks * share);
        const part = routedParts.get(`${key}|${model}`) ?? { key, model, tasks: 0 };
        part.tasks += g.tasks * share;
        routedParts.set(`${key}|${model}`, part);
      }
    }
    // Groups can be negative (a day minus its hours outside the window): a model they cancel out for is not in the mix.
    for (const [model, tasks] of routed) if (Math.abs(tasks) < 1e-9) routed.delete(model);
    const live = [...routedParts.values()].filter((x) => Math.abs(x.tasks) >= 1e-9);
    const totalTasks = [...routed.values()].reduce((n, tasks) => n + tasks, 0);
    const escalated = live.reduce((n, x) => n + x.tasks * outcomeOf(x.key, x.model).escalated, 0);
    const parts: Part[] = live.map((x) => {
      const hist = ev(t, x.model)?.latencyHist;
      return { tasks: x.tasks, p: outcomeOf(x.key, x.model).p, variance: outcomeOf(x.key, x.model).variance, hist: hist ? scaleHistogram(hist, latencyFactor(x.key, x.model)) : null };
    });
    const baseParts = [{ tasks: base.tasks, p: baseRate, variance: baseRate === null ? 0 : (baseRate * (1 - baseRate)) / Math.max(baseN, 1), hist: base.latencyHist }];
    const routedSummary: RoutedPart[] = byCells
      ? [...routings].filter(([, r]) => Math.abs(r.tasks) >= 1e-9).map(([key, r]) => ({
          routes: Object.fromEntries(r.shares.map((x) => [x.model, x.share])), tasks: r.tasks,
          evidence: Object.fromEntries(r.shares.map((x) => { const e = successIn(key, x.model); return [x.model, { labeled: e.labeled, successRate: e.p, pooled: e.pooled }]; })),
        }))
      : [];
    const models = [...new Set(data.evidence.filter((e) => e.taskType === t).map((e) => e.model))].sort();
    return {
      taskType: t,
      tasks: base.tasks,
      baseline: tally(baseParts, Number(base.costNanos), base.escalations, reviewOf(baseParts, review)),
      projected: tally(parts, cost, escalated, reviewOf(parts, review)),
      modelMix: Object.fromEntries([...routed].map(([m, tasks]) => [m, totalTasks > 0 ? tasks / totalTasks : 0])),
      evidence: Object.fromEntries(models.map((m) => [m, { labeled: labels(t, m), successRate: labels(t, m) > 0 ? ev(t, m)!.success / labels(t, m) : null }])),
      warnings: [...warnings.values()],
      parts: routedSummary,
    };
  });
}

/** The whole window: the task types' tallies added up the same way. */
export function totalOf(rows: TaskTypeResult[], which: "baseline" | "projected"): Tally {
  const tallies = rows.map((r) => r[which]);
  const parts = tallies.map((x) => ({ tasks: x.tasks, p: x.successRate, variance: x.variance, hist: x.latency }));
  const escalated = tallies.reduce((n, x) => n + x.escalationRate * x.tasks, 0);
  return tally(parts, tallies.reduce((n, x) => n + x.costNanos, 0), escalated, tallies.reduce((n, x) => n + x.reviewNanos, 0));
}
