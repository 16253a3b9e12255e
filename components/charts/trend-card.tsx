// The "Over time" card: success, p95 latency, cost per task and errors per model, policy versions marked.
// The Overview shows it for all task types, a task type's page for that one.
import { TrendChart } from "@/components/charts/trend-chart";
import { Card } from "@/components/ui/card";
import type { loadTrends } from "@/lib/analytics/trends";

type Props = { trends: Awaited<ReturnType<typeof loadTrends>>; byHour: boolean; scope: string };

export function TrendCard({ trends, byHour, scope }: Props) {
  return (
    <Card title="Over time" description={`Per ${byHour ? "hour" : "day"}, ${scope}. Dashed lines: policy versions published in this window (red: a rollback).`}>
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
