// off-policy: the candidate's success estimated from the logged calls alone, beside compute's model-based
// projection. Pure. Each labeled first attempt with a logged propensity p = μ(a|x) counts with the weight
// w = π(a|x) / p, π being the candidate's probability of the same model for the same features (the SDK's
// evaluator), and the estimate is the self-normalised IPS (SNIPS) Σ w·y / Σ w. Weights can only stand for
// models the logging policy could pick: where the candidate puts choice probability on a model μ never
// picks for those features, that share is reported as not covered, and below MIN_COVERAGE no estimate is
// given, since a number from the covered part alone would read as the answer for all of it.
import { chooseShares, type Policy } from "@switchyard/sdk";
import { wilson } from "@/lib/analytics/stats";

/** The estimator reads at most this many calls, the latest in the window. */
export const MAX_LOGGED_CALLS = 50_000;
/** Below this coverage there is no estimate: the uncovered share (at most 1%) is left out above it. */
export const MIN_COVERAGE = 0.99;

export type LoggedCall = {
  taskType: string;
  model: string;
  features: { contextTokens: number; toolCount: number; metadata?: Record<string, string> };
  /** μ(model | features), as the SDK logged it. */
  propensity: number;
  label: 0 | 1;
  /** μ(· | features): each model the logging policy could pick, with its probability; null when its version is unknown. */
  loggingShares: Record<string, number> | null;
};

export type OffPolicyEstimate = {
  successRate: number | null;
  low: number | null;
  high: number | null;
  /** Kish effective sample size of the weights, (Σw)² / Σw². */
  ess: number;
  calls: number;
  /** The share of the candidate's choice probability, over these calls' features, on models the logging policy could pick. */
  coverage: number | null;
  /** Models the candidate picks where the logging policy never did, and the share of choice probability that goes there. */
  uncovered: { model: string; share: number }[];
  /** Why there is no estimate; null when there is one. */
  reason: string | null;
};

// A Map: task types are user text ("constructor" too), never object keys.
export type OffPolicyResult = { overall: OffPolicyEstimate; byTaskType: Map<string, OffPolicyEstimate> };

export const NO_PROPENSITIES: OffPolicyEstimate = {
  successRate: null, low: null, high: null, ess: 0, calls: 0, coverage: null, uncovered: [],
  reason: "No labeled first attempts with a logged propensity in the window.",
};

type Scored = { w: number; y: number; uncovered: { model: string; share: number }[] };

function score(call: LoggedCall, candidate: Policy): Scored {
  const pi = chooseShares(candidate, { taskType: call.taskType, ...call.features });
  // The logged model is supported even where the logging policy, re-evaluated, disagrees with the SDK's log.
  const supported = (m: string) => m === call.model || (call.loggingShares?.[m] ?? 0) > 0;
  const w = (pi.find((s) => s.model === call.model)?.share ?? 0) / call.propensity;
  return { w, y: call.label, uncovered: pi.filter((s) => !supported(s.model)).map((s) => ({ model: s.model, share: s.share })) };
}

const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

function estimate(scored: Scored[], scope: string): OffPolicyEstimate {
  const n = scored.length;
  if (n === 0) return NO_PROPENSITIES;
  const missing = new Map<string, number>();
  for (const s of scored) for (const u of s.uncovered) missing.set(u.model, (missing.get(u.model) ?? 0) + u.share);
  const uncovered = [...missing].map(([model, total]) => ({ model, share: total / n })).sort((a, b) => b.share - a.share);
  const coverage = Math.max(0, 1 - uncovered.reduce((s, u) => s + u.share, 0));
  const sw = scored.reduce((s, c) => s + c.w, 0);
  const sw2 = scored.reduce((s, c) => s + c.w * c.w, 0);
  const ess = sw > 0 ? (sw * sw) / sw2 : 0;
  const none = (reason: string): OffPolicyEstimate => ({ successRate: null, low: null, high: null, ess, calls: n, coverage, uncovered, reason });
  if (coverage < MIN_COVERAGE) {
    return none(uncovered.map((u) => `The candidate sends ${percent(u.share)} of ${scope} to ${u.model} where the logging policy never chose it: no off-policy estimate there.`).join(" "));
  }
  if (sw === 0) return none(`No logged call of ${scope} went to a model the candidate picks for its features.`);
  const rate = scored.reduce((s, c) => s + c.w * c.y, 0) / sw;
  // Interval: the SNIPS delta-method variance Σ w²(y − rate)² / (Σw)², as the sample size a binomial of that
  // variance would need, in a Wilson interval (like compute's mixes); with every weighted label alike the
  // variance is 0 and the Kish ESS stands in. With equal weights this is the plain Wilson interval.
  const variance = scored.reduce((s, c) => s + c.w * c.w * (c.y - rate) ** 2, 0) / (sw * sw);
  const size = variance > 0 ? (rate * (1 - rate)) / variance : ess;
  const { low, high } = wilson(rate * size, size)!;
  return { successRate: rate, low, high, ess, calls: n, coverage, uncovered, reason: null };
}

/** SNIPS of the candidate over the logged calls, overall and per task type. */
export function estimateOffPolicy(calls: LoggedCall[], candidate: Policy): OffPolicyResult {
  const scored = calls.map((c) => ({ taskType: c.taskType, ...score(c, candidate) }));
  const byTaskType = new Map<string, Scored[]>();
  for (const s of scored) {
    const list = byTaskType.get(s.taskType);
    if (list) list.push(s);
    else byTaskType.set(s.taskType, [s]);
  }
  return {
    overall: estimate(scored, "all calls"),
    byTaskType: new Map([...byTaskType].map(([taskType, s]) => [taskType, estimate(s, taskType)])),
  };
}
