// The one policy evaluator (contracts §5): the SDK routes with it, the server previews with it and the
// simulator projects with it, so what the dashboard predicts is what the SDK does.
import type { Policy } from "./policy";

type Condition = NonNullable<NonNullable<Policy["rules"]>[number]["when"]>;
type Range = { gt?: number; gte?: number; lt?: number; lte?: number };

export type Features = {
  taskType: string;
  contextTokens: number;
  toolCount: number;
  metadata?: Record<string, string>;
  /** Split arms are picked from a hash of the trace id, else the call id, so one run stays on one model. */
  traceId?: string;
  callId: string;
};

/**
 * `propensity`: the probability that the policy picks `model` for these features (1 for a plain rule or
 * the default, the arm's share for a split, mixed with the exploration share where `explore` applies).
 */
export type Choice = { model: string; ruleId: string | null; propensity: number };

function inRange(value: number, r: Range): boolean {
  return (r.gt === undefined || value > r.gt) && (r.gte === undefined || value >= r.gte) && (r.lt === undefined || value < r.lt) && (r.lte === undefined || value <= r.lte);
}

/** Every condition present must hold; an empty condition always holds. */
export function matches(when: Condition | undefined, f: Features): boolean {
  if (!when) return true;
  if (when.taskType && !when.taskType.includes(f.taskType)) return false;
  if (when.contextTokens && !inRange(f.contextTokens, when.contextTokens)) return false;
  if (when.toolCount && !inRange(f.toolCount, when.toolCount)) return false;
  for (const [key, wanted] of Object.entries(when.metadata ?? {})) {
    const value = f.metadata?.[key];
    if (value === undefined || !(Array.isArray(wanted) ? wanted.includes(value) : wanted === value)) return false;
  }
  return true;
}

/** A stable number in [0, 1) from a string (FNV-1a, 32 bits). */
export function stableFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 2 ** 32;
}

/** Models and shares by the rules alone: the first rule whose conditions all hold, else the default model. */
function ruleShares(policy: Policy, f: Omit<Features, "callId" | "traceId">): Share[] {
  for (const rule of policy.rules ?? []) {
    if (!matches(rule.when, { ...f, callId: "" })) continue;
    if (rule.model) return [{ model: rule.model, share: 1, ruleId: rule.id }];
    const total = rule.split!.reduce((s, a) => s + a.weight, 0);
    const shares = new Map<string, number>();
    for (const arm of rule.split!) shares.set(arm.model, (shares.get(arm.model) ?? 0) + arm.weight / total);
    return [...shares].map(([model, share]) => ({ model, share, ruleId: rule.id }));
  }
  return [{ model: policy.defaultModel, share: 1, ruleId: null }];
}

/** The exploration share for these features: the policy's rate where `explore` applies, else 0. */
function exploreRate(policy: Policy, f: Omit<Features, "callId" | "traceId">) {
  const e = policy.explore;
  return e && matches(e.when, { ...f, callId: "" }) ? e.rate : 0;
}

/** The first rule whose conditions all hold decides; none holds → the default model. Exploration may take the call. */
export function choose(policy: Policy, f: Features): Choice {
  const key = f.traceId ?? f.callId;
  const shares = chooseShares(policy, f);
  const propensity = (model: string) => shares.find((s) => s.model === model)?.share ?? 0;
  const rate = exploreRate(policy, f);
  const explore = rate > 0 ? stableFraction(`explore:${key}`) : 1;
  if (explore < rate) {
    const models = policy.explore!.models;
    const model = models[Math.min(models.length - 1, Math.floor((explore / rate) * models.length))];
    return { model, ruleId: shares[0].ruleId, propensity: propensity(model) };
  }
  for (const rule of policy.rules ?? []) {
    if (!matches(rule.when, f)) continue;
    if (rule.model) return { model: rule.model, ruleId: rule.id, propensity: propensity(rule.model) };
    const arms = rule.split!;
    const total = arms.reduce((s, a) => s + a.weight, 0);
    let point = stableFraction(`${rule.id}:${key}`) * total;
    const arm = arms.find((a) => (point -= a.weight) < 0) ?? arms[arms.length - 1];
    return { model: arm.model, ruleId: rule.id, propensity: propensity(arm.model) };
  }
  return { model: policy.defaultModel, ruleId: null, propensity: propensity(policy.defaultModel) };
}

export type Share = { model: string; share: number; ruleId: string | null };

/**
 * What `choose` does to a group of calls with the same features: the models it picks and the share of
 * calls each gets (a split's arms by weight, exploration by its rate, the expected outcome of the hash).
 * The simulator uses this, and a model's share is the propensity `choose` logs for it.
 */
export function chooseShares(policy: Policy, f: Omit<Features, "callId" | "traceId">): Share[] {
  const base = ruleShares(policy, f);
  const rate = exploreRate(policy, f);
  if (rate === 0) return base;
  const ruleId = base[0].ruleId;
  const shares = new Map<string, number>(base.map((s) => [s.model, s.share * (1 - rate)]));
  const models = policy.explore!.models;
  for (const m of models) shares.set(m, (shares.get(m) ?? 0) + rate / models.length);
  return [...shares].map(([model, share]) => ({ model, share, ruleId }));
}

/** Shadow models sampled for this call (each matching entry independently, at its sample rate). */
export function sampleShadows(policy: Policy, f: Features, servedModel: string, random: () => number = Math.random): string[] {
  const models: string[] = [];
  for (const s of policy.shadow ?? []) {
    if (s.model !== servedModel && matches(s.when, f) && random() < s.sampleRate && !models.includes(s.model)) models.push(s.model);
  }
  return models;
}
