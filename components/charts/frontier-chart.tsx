"use client";
// Cost per task against success rate, one point per model: the trade-off of a task type at a glance.
import { ScatterChart } from "@tremor/react";
import { formatValue } from "@/components/charts/format";
import { modelColors } from "@/lib/analytics/model-colors";

type Point = { model: string; costPerTaskUsd: number; successRate: number | null; labeled: number };

export function FrontierChart({ points, label }: { points: Point[]; label: string }) {
  const data = points.filter((p) => p.successRate !== null).map((p) => ({ ...p, success: p.successRate! }));
  return (
    <figure aria-label={label} data-chart="frontier">
      <ScatterChart className="h-48" data={data} category="model" x="costPerTaskUsd" y="success" size="labeled"
        colors={modelColors(data.map((d) => d.model))} valueFormatter={{ x: (v) => formatValue("usd", v), y: (v) => formatValue("percent", v) }}
        minYValue={Math.max(0, Math.min(...data.map((d) => d.success)) - 0.05)} maxYValue={1} yAxisWidth={56} showAnimation={false}
        sizeRange={[80, 300]} showLegend />
    </figure>
  );
}
