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

/**
 * A stable number in [0, 1) from a string: FNV-1a (32 bits) over its UTF-16 code units, then murmur3's
 * finalizer. FNV-1a alone leaves the high bits poorly mixed for keys that differ only at the end: a 10%
 * split over "call-0".."call-399" sent none of them to the 10% arm.
 */
export function stableFraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

type Rule = NonNullable<Policy["rules"]>[number];

/** The first rule whose conditions all hold, or null (the default model). */
function ruleFor(policy: Policy, f: Features): Rule | null {
  for (const rule of policy.rules ?? []) if (matches(rule.when, f)) return rule;
  return null;
}

/** The share of calls the rules alone give `model` under `rule` (a split's weight, else 1 or 0). */
function ruleShare(policy: Policy, rule: Rule | null, model: string): number {
  if (!rule) return model === policy.defaultModel ? 1 : 0;
  if (rule.model) return model === rule.model ? 1 : 0;
  const total = rule.split!.reduce((s, a) => s + a.weight, 0);
  return rule.split!.reduce((s, a) => s + (a.model === model ? a.weight : 0), 0) / total;
}

/** The exploration share for these features: the policy's rate where `explore` applies, else 0. */
function exploreRate(policy: Policy, f: Features) {
  const e = policy.explore;
  return e && matches(e.when, f) ? e.rate : 0;
}

/** The probability that the policy picks `model` for these features: the rules' share mixed with exploration. */
function propensityOf(policy: Policy, rule: Rule | null, rate: number, model: string) {
  const base = ruleShare(policy, rule, model);
  if (rate === 0) return base;
  const models = policy.explore!.models;
  return (1 - rate) * base + (rate * models.filter((m) => m === model).length) / models.length;
}

/** The first rule whose conditions all hold decides; none holds → the default model. Exploration may take the call. */
export function choose(policy: Policy, f: Features): Choice {
  const key = f.traceId ?? f.callId;
  const rule = ruleFor(policy, f);
  const ruleId = rule?.id ?? null;
  const rate = exploreRate(policy, f);
  const pick = (model: string): Choice => ({ model, ruleId, propensity: propensityOf(policy, rule, rate, model) });
  const explore = rate > 0 ? stableFraction(`explore:${key}`) : 1;
  if (explore < rate) {
    const models = policy.explore!.models;
    return pick(models[Math.min(models.length - 1, Math.floor((explore / rate) * models.length))]);
  }
  if (!rule) return pick(policy.defaultModel);
  if (rule.model) return pick(rule.model);
  const arms = rule.split!;
  let point = stableFraction(`${rule.id}:${key}`) * arms.reduce((s, a) => s + a.weight, 0);
  return pick((arms.find((a) => (point -= a.weight) < 0) ?? arms[arms.length - 1]).model);
}

export type Share = { model: string; share: number; ruleId: string | null };

/**
 * What `choose` does to a group of calls with the same features: the models it picks and the share of
 * calls each gets (a split's arms by weight, exploration by its rate, the expected outcome of the hash).
 * The simulator uses this, and a model's share is the propensity `choose` logs for it.
 */
export function chooseShares(policy: Policy, f: Omit<Features, "callId" | "traceId">): Share[] {
  const features = { ...f, callId: "" };
  const rule = ruleFor(policy, features);
  const rate = exploreRate(policy, features);
  const candidates = rule?.model ? [rule.model] : rule ? rule.split!.map((a) => a.model) : [policy.defaultModel];
  const models = [...new Set([...candidates, ...(rate > 0 ? policy.explore!.models : [])])];
  return models.map((model) => ({ model, share: propensityOf(policy, rule, rate, model), ruleId: rule?.id ?? null })).filter((x) => x.share > 0);
}

/** Shadow models sampled for this call (each matching entry independently, at its sample rate). */
export function sampleShadows(policy: Policy, f: Features, servedModel: string, random: () => number = Math.random): string[] {
  const models: string[] = [];
  for (const s of policy.shadow ?? []) {
    if (s.model !== servedModel && matches(s.when, f) && random() < s.sampleRate && !models.includes(s.model)) models.push(s.model);
  }
  return models;
}
