// Cost, success and latency per value of a metadata key (Overview and Task types): which feature or
// customer tier the money and the failures come from.
import type { TeamId } from "@/lib/auth/team-id";
import { getMetadataBreakdown, listMetadataKeys, type BreakdownRow } from "@/lib/analytics/queries/get-metadata-breakdown";
import type { Window } from "@/lib/analytics/range";
import { successPart, taskWeightedSuccess } from "@/lib/analytics/stats";

const MAX_VALUES = 20;

/** `key`: the one asked for, if the team has it; else the first key there is. Null without metadata. */
export async function loadBreakdown(teamId: TeamId, window: Pick<Window, "from" | "to">, key?: string) {
  const keys = await listMetadataKeys(teamId, window.from, window.to);
  const chosen = key && keys.includes(key) ? key : keys[0];
  if (!chosen) return null;
  const { rows, sampled } = await getMetadataBreakdown(teamId, window.from, window.to, chosen);
  const byValue = new Map<string | null, { total?: BreakdownRow; taskTypes: BreakdownRow[] }>();
  for (const r of rows) {
    const entry = byValue.get(r.value) ?? { taskTypes: [] };
    if (r.taskType === null) entry.total = r;
    else entry.taskTypes.push(r);
    byValue.set(r.value, entry);
  }
  const values = [...byValue].filter(([, e]) => e.total).map(([value, { total, taskTypes }]) => {
    const t = total!;
    // Success as on the Overview: each task type's label rate weighted by its tasks.
    const success = taskWeightedSuccess(taskTypes.map(successPart));
    return {
      value, calls: t.calls, tasks: t.tasks, unpriced: t.unpriced, labeled: t.success + t.failure,
      costNanos: t.unpriced >= t.calls ? null : t.costNanos,
      costPerTaskNanos: t.tasks > 0 && t.unpriced < t.calls ? Number(t.costNanos) / t.tasks : null,
      successRate: success.rate, latencyP50Ms: t.p50, latencyP95Ms: t.p95,
    };
  }).sort((a, b) => Number((b.costNanos ?? -1n) - (a.costNanos ?? -1n)));
  return { key: chosen, keys, sampled, values: values.slice(0, MAX_VALUES), more: Math.max(0, values.length - MAX_VALUES) };
}
