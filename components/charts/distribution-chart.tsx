"use client";
// Side-by-side bars of how each model's values spread over ranges (latency, TTFT).
import { BarChart } from "@tremor/react";
import { formatValue } from "@/components/charts/format";
import { modelColors } from "@/lib/analytics/model-colors";

type Props = { data: Record<string, string | number>[]; series: string[]; label: string };

export function DistributionChart({ data, series, label }: Props) {
  return (
    <figure aria-label={label} data-chart="distribution">
      <BarChart className="h-56" data={data} index="label" categories={series} colors={modelColors(series)}
        valueFormatter={(v) => formatValue("percent", v)} yAxisWidth={56} showAnimation={false} />
    </figure>
  );
}
