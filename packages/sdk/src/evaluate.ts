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

export type Choice = { model: string; ruleId: string | null };

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

/** The first rule whose conditions all hold decides; none holds → the default model. */
export function choose(policy: Policy, f: Features): Choice {
  for (const rule of policy.rules ?? []) {
    if (!matches(rule.when, f)) continue;
    if (rule.model) return { model: rule.model, ruleId: rule.id };
    const arms = rule.split!;
    const total = arms.reduce((s, a) => s + a.weight, 0);
    let point = stableFraction(`${rule.id}:${f.traceId ?? f.callId}`) * total;
    for (const arm of arms) {
      if ((point -= arm.weight) < 0) return { model: arm.model, ruleId: rule.id };
    }
    return { model: arms[arms.length - 1].model, ruleId: rule.id };
  }
  return { model: policy.defaultModel, ruleId: null };
}

export type Share = { model: string; share: number; ruleId: string | null };

/**
 * What `choose` does to a group of calls with the same features: the models it picks and the share of
 * calls each gets (a split's arms by weight, the expected outcome of the hash). The simulator uses this.
 */
export function chooseShares(policy: Policy, f: Omit<Features, "callId" | "traceId">): Share[] {
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

/** Shadow models sampled for this call (each matching entry independently, at its sample rate). */
export function sampleShadows(policy: Policy, f: Features, servedModel: string, random: () => number = Math.random): string[] {
  const models: string[] = [];
  for (const s of policy.shadow ?? []) {
    if (s.model !== servedModel && matches(s.when, f) && random() < s.sampleRate && !models.includes(s.model)) models.push(s.model);
  }
  return models;
}
