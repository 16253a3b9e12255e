// Per task type, what each priced model with evidence would cost and achieve if it served every task
// (the simulator's cost-vs-success chart), and Suggest: the cheapest model within a tolerance of the
// best-evidenced one. Pure.
import type { Policy } from "@switchyard/sdk";
import { compute, type SimData } from "@/lib/simulate/compute";
import type { Assumptions } from "@/lib/simulate/schema";

export type FrontierPoint = { model: string; costPerTaskUsd: number; successRate: number | null; low: number | null; high: number | null; labeled: number };

export function frontier(data: SimData, a: Assumptions): Map<string, FrontierPoint[]> {
  const out = new Map<string, FrontierPoint[]>();
  const models = [...new Set(data.evidence.map((e) => e.model))].filter((m) => data.prices[m]).sort();
  for (const model of models) {
    for (const row of compute(data, { defaultModel: model }, a)) {
      const labeled = row.evidence[model]?.labeled ?? 0;
      if (labeled === 0 || row.tasks === 0) continue;
      const p = row.projected;
      const points = out.get(row.taskType) ?? [];
      points.push({ model, costPerTaskUsd: p.costNanos / row.tasks / 1e9, successRate: row.evidence[model].successRate, low: p.successRateLow, high: p.successRateHigh, labeled });
      out.set(row.taskType, points);
    }
  }
  return out;
}

export type Suggestion = { policy: Policy; reasons: { taskType: string; model: string; why: string }[] };

/** A draft routing each task type to the cheapest model whose success is within `tolerance` of the best. */
export function suggest(points: Map<string, FrontierPoint[]>, base: Policy, tolerance: number, minSamples: number): Suggestion {
  const rules: NonNullable<Policy["rules"]> = [];
  const reasons: Suggestion["reasons"] = [];
  for (const [taskType, all] of [...points].sort(([a], [b]) => a.localeCompare(b))) {
    const candidates = all.filter((p) => p.labeled >= minSamples && p.successRate !== null);
    if (candidates.length === 0) continue;
    const best = candidates.reduce((x, y) => (y.successRate! > x.successRate! ? y : x));
    const pick = candidates.filter((p) => p.successRate! >= best.successRate! - tolerance).reduce((x, y) => (y.costPerTaskUsd < x.costPerTaskUsd ? y : x));
    rules.push({ id: `suggest-${taskType}`.slice(0, 64), when: { taskType: [taskType] }, model: pick.model });
    reasons.push({
      taskType, model: pick.model,
      why: pick.model === best.model
        ? `${pick.model} has the best success (${(best.successRate! * 100).toFixed(1)}%, n = ${best.labeled.toLocaleString("en-US")}) and no cheaper model is within ${(tolerance * 100).toFixed(1)} points.`
        : `${pick.model} is within ${((best.successRate! - pick.successRate!) * 100).toFixed(1)} points of ${best.model} (${(pick.successRate! * 100).toFixed(1)}% vs ${(best.successRate! * 100).toFixed(1)}%) at ${Math.round((pick.costPerTaskUsd / best.costPerTaskUsd) * 100)}% of its cost per task.`,
    });
  }
  return { policy: { ...base, rules }, reasons };
}
