// The "Over time" card: success, p95 latency, cost per task and errors of one task type per model, policy
// versions marked. On a task type's page for that task type; on the Overview for one picked from a menu.
import { TrendChart } from "@/components/charts/trend-chart";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { rangeFields, type Window } from "@/lib/analytics/range";
import { loadTrends } from "@/lib/analytics/trends";
import type { TeamId } from "@/lib/auth/team-id";

type Props = {
  teamId: TeamId; window: Window; zone: string; taskType: string;
  /** The Overview's menu: the page to reload with `trend=<task type>`, and the choices. */
  picker?: { path: string; taskTypes: string[]; keep: Record<string, string | undefined> };
};

export async function TrendCard({ teamId, window, zone, taskType, picker }: Props) {
  const trends = await loadTrends(teamId, window, zone, taskType);
  const kept = rangeFields(window, picker?.keep);
  return (
    <Card title={picker ? `Over time: ${taskType}` : "Over time"}
      description={`Per ${window.byHour ? "hour" : "day"}, production calls. Dashed lines: policy versions published in this window (red: a rollback).`}>
      {picker && (
        <form method="get" action={picker.path} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Task type over time">
          {kept.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <label className="text-xs text-gray-600">
            Task type
            <select name="trend" defaultValue={taskType} className={`${inputClass} mt-0.5 py-1.5`}>
              {picker.taskTypes.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
          <button type="submit" className={buttonClass("secondary")}>Show</button>
        </form>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {trends.metrics.map((m) => (
          <div key={m.name}>
            <h3 className="mb-1 text-sm font-medium text-gray-700">{m.label}</h3>
            <TrendChart label={`${m.label} over time by model`} format={m.format} zoom={m.zoom} models={trends.models} data={m.data} markers={trends.markers} />
          </div>
        ))}
      </div>
    </Card>
  );
}
