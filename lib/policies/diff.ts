// What one policy version changed against the one before, in the policy's own terms ("rule cheap:
// gpt-5.4-mini → gpt-5.4-nano", "rule long-context added"), for the history; the JSON diff stays behind a toggle.
import type { Policy } from "@switchyard/sdk/core";

type Rule = NonNullable<Policy["rules"]>[number];
type Condition = Rule["when"];

const pct = (v: number) => `${+(v * 100).toFixed(2)}%`;

function range(name: string, r: Record<string, number | undefined>) {
  const ops: [string, string][] = [["gt", ">"], ["gte", "≥"], ["lt", "<"], ["lte", "≤"]];
  return ops.filter(([k]) => r[k] !== undefined).map(([k, op]) => `${name} ${op} ${r[k]}`).join(" and ");
}

/** A rule's conditions in words: "task type extract, context tokens > 4000". */
export function describeCondition(when: Condition | undefined): string {
  if (!when) return "every call";
  const parts: string[] = [];
  if (when.taskType) parts.push(`task type ${when.taskType.join(" or ")}`);
  if (when.contextTokens) parts.push(range("context tokens", when.contextTokens));
  if (when.toolCount) parts.push(range("tools", when.toolCount));
  for (const [k, v] of Object.entries(when.metadata ?? {})) parts.push(`${k} = ${Array.isArray(v) ? v.join(" or ") : v}`);
  return parts.length ? parts.join(", ") : "every call";
}

function target(rule: Rule) {
  if (rule.model) return rule.model;
  const total = rule.split!.reduce((n, a) => n + a.weight, 0);
  return rule.split!.map((a) => `${a.model} ${pct(a.weight / total)}`).join(" / ");
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function escalation(e: Policy["escalation"]) {
  return e ? `on ${e.on.join(" or ")} → ${e.model}, up to ${e.maxAttempts} attempts` : "off";
}

function explore(e: Policy["explore"]) {
  return e ? `${pct(e.rate)} to ${e.models.join(", ")}${e.when ? ` where ${describeCondition(e.when)}` : ""}` : "off";
}

function shadows(s: Policy["shadow"]) {
  return (s ?? []).map((x) => `${x.model} on ${pct(x.sampleRate)} of ${describeCondition(x.when)}`);
}

export function describeChanges(before: Policy, after: Policy): string[] {
  const out: string[] = [];
  if (before.defaultModel !== after.defaultModel) out.push(`default model: ${before.defaultModel} → ${after.defaultModel}`);
  const old = new Map((before.rules ?? []).map((r) => [r.id, r]));
  const now = new Map((after.rules ?? []).map((r) => [r.id, r]));
  for (const r of after.rules ?? []) {
    const was = old.get(r.id);
    if (!was) {
      out.push(`rule ${r.id} added: ${describeCondition(r.when)} → ${target(r)}`);
      continue;
    }
    if (target(was) !== target(r)) out.push(`rule ${r.id}: ${target(was)} → ${target(r)}`);
    if (!same(was.when, r.when)) out.push(`rule ${r.id} now applies to ${describeCondition(r.when)} (was ${describeCondition(was.when)})`);
  }
  for (const r of before.rules ?? []) if (!now.has(r.id)) out.push(`rule ${r.id} removed`);
  // First match wins, so the order of the rules both versions share is a change of its own.
  const kept = (rules: Rule[] | undefined, other: Map<string, Rule>) => (rules ?? []).map((r) => r.id).filter((id) => other.has(id));
  const order = kept(after.rules, old);
  if (!same(kept(before.rules, now), order)) out.push(`rules reordered: ${order.join(", ")}`);
  if (!same(before.escalation, after.escalation)) out.push(`escalation: ${escalation(before.escalation)} → ${escalation(after.escalation)}`);
  if (!same(before.explore, after.explore)) out.push(`exploration: ${explore(before.explore)} → ${explore(after.explore)}`);
  const [s0, s1] = [shadows(before.shadow), shadows(after.shadow)];
  for (const s of s1) if (!s0.includes(s)) out.push(`shadow added: ${s}`);
  for (const s of s0) if (!s1.includes(s)) out.push(`shadow removed: ${s}`);
  return out;
}
