// format: the §7 response shape, dollars at the edge (rounded to the micro-dollar; sums were exact to it).
import type { TaskTypeResult, Tally } from "@/lib/simulate/compute";
import { MAX_LOGGED_CALLS, MIN_COVERAGE, NO_PROPENSITIES, type OffPolicyEstimate, type OffPolicyResult } from "@/lib/simulate/off-policy";
import type { Plan } from "@/lib/simulate/plan";
import type { Sample } from "@/lib/simulate/sample";

const usd = (nanos: number) => Math.round(nanos / 1000) / 1e6;
const rate = (v: number | null) => (v === null ? null : Math.round(v * 1e6) / 1e6);

export function formatTotals(t: Tally) {
  return {
    tasks: Math.round(t.tasks),
    costUsd: usd(t.costNanos),
    reviewCostUsd: usd(t.reviewNanos),
    totalCostUsd: usd(t.costNanos + t.reviewNanos),
    successRate: rate(t.successRate),
    successRateLow: rate(t.successRateLow),
    successRateHigh: rate(t.successRateHigh),
    escalationRate: rate(t.escalationRate),
    latencyP50Ms: t.latencyP50Ms === null ? null : Math.round(t.latencyP50Ms),
  };
}

function formatOffPolicy(e: OffPolicyEstimate) {
  return {
    successRate: rate(e.successRate), low: rate(e.low), high: rate(e.high), ess: Math.round(e.ess * 100) / 100, calls: e.calls, coverage: rate(e.coverage),
    uncovered: e.uncovered.map((u) => ({ model: u.model, share: rate(u.share) })), reason: e.reason,
  };
}

function offPolicyNote(calls: number, truncated: boolean) {
  const read = truncated ? `the latest ${MAX_LOGGED_CALLS.toLocaleString("en-US")} labeled first attempts of the window with a logged propensity (the read is bounded)` : `${calls} labeled first attempts with a logged propensity`;
  return `The off-policy estimate (offPolicy) is a self-normalised inverse propensity weighting (SNIPS) of ${read}; given only where at least ${MIN_COVERAGE * 100}% of the policy's choices fall on models the logging policy could pick.`;
}

function sampleNote({ calls, of, unsampledTasks }: Sample) {
  const count = (n: number) => Math.round(n).toLocaleString("en-US");
  return `A rule tests metadata, which the rollups do not keep, and the window holds ${count(of)} calls: a sample of ${count(calls)} of them (${((100 * calls) / of).toFixed(1)}%, whole table pages) was read. `
    + "Tasks and tokens per task type, model, context bucket and tool count are exact from the rollups; how they divide among the tested metadata values, and the labels behind success, come from the sample."
    + (unsampledTasks > 0 ? ` ${count(unsampledTasks)} tasks in cells the sample missed were routed as if their metadata were absent.` : "");
}

export function formatResult(window: { from: Date; to: Date }, plan: Plan, rows: TaskTypeResult[], baseline: Tally, projected: Tally, offPolicy: OffPolicyResult & { truncated: boolean }, read: { bucketLevelUntil?: Date | null; sample?: Sample | null } = {}) {
  const bucketLevelUntil = read.bucketLevelUntil ?? null;
  const sample = read.sample ?? null;
  const savings = baseline.costNanos + baseline.reviewNanos - (projected.costNanos + projected.reviewNanos);
  const baseTotal = baseline.costNanos + baseline.reviewNanos;
  const notes = [
    "Split rules are projected at their weights (the share of tasks the SDK's hash sends to each model).",
    ...(rows.some((r) => r.parts.length) ? ["Where the policy routes a task type's context buckets, tool counts or metadata values differently, each part's success comes from the labels of the cells it routes, pooled toward the task type (empirical-Bayes beta-binomial); byTaskType[].coverage says which."] : []),
    ...(plan.metadata && !sample ? ["A rule tests metadata, which the rollups do not keep: every first attempt in the window was read one by one (slower path)."] : []),
    ...(sample ? [sampleNote(sample)] : []),
    ...(plan.splitBuckets.length ? [`A context-size threshold falls inside ${plan.splitBuckets.length} rollup bucket(s): those calls were read one by one for an exact split.`] : []),
    ...(offPolicy.overall.calls ? [offPolicyNote(offPolicy.overall.calls, offPolicy.truncated)] : []),
    ...(bucketLevelUntil ? [`Single calls before ${bucketLevelUntil.toISOString()} are past the team's retention: those hours were projected at bucket level from the rollups (${plan.metadata ? "metadata read as absent" : "a threshold inside a bucket routes the whole bucket as its lower part"}).`] : []),
  ];
  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString(), days: Math.round(((window.to.getTime() - window.from.getTime()) / 86_400_000) * 100) / 100 },
    baseline: formatTotals(baseline),
    projected: formatTotals(projected),
    savingsUsd: usd(savings),
    // Percent, as the name says (75 for a 75% saving), to four decimals.
    savingsPct: baseTotal > 0 ? Math.round((savings / baseTotal) * 1e6) / 1e4 : null,
    // The logged calls' own evidence for the policy's success, beside the projection (off-policy.ts).
    offPolicy: formatOffPolicy(offPolicy.overall),
    byTaskType: rows.map((r) => ({
      taskType: r.taskType, tasks: Math.round(r.tasks), baseline: formatTotals(r.baseline), projected: formatTotals(r.projected),
      modelMix: Object.fromEntries(Object.entries(r.modelMix).map(([m, s]) => [m, rate(s)])), evidence: r.evidence, warnings: r.warnings,
      // Where the policy routes the task type's cells differently: each routing, the labels behind it, pooled or not.
      coverage: r.parts.map((part) => ({
        routes: Object.fromEntries(Object.entries(part.routes).map(([m, s]) => [m, rate(s)])), tasks: Math.round(part.tasks),
        evidence: Object.fromEntries(Object.entries(part.evidence).map(([m, e]) => [m, { labeled: Math.round(e.labeled), successRate: rate(e.successRate), pooled: e.pooled }])),
      })),
      offPolicy: formatOffPolicy(offPolicy.byTaskType.get(r.taskType) ?? NO_PROPENSITIES),
    })),
    path: { exact: !bucketLevelUntil && !sample, rawCallsRead: plan.metadata || plan.splitBuckets.length > 0, bucketLevelUntil: bucketLevelUntil?.toISOString() ?? null, sample, notes },
  };
}
export type SimulationResult = ReturnType<typeof formatResult>;
