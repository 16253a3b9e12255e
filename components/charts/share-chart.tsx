"use client";
// A donut of shares (model mix), with the numbers beside it for readers who cannot see the chart.
import { DonutChart, Legend } from "@tremor/react";
import { formatValue, type ValueFormat } from "@/components/charts/format";
import { modelColors } from "@/lib/analytics/model-colors";

type Props = { data: { name: string; value: number }[]; format: ValueFormat; label: string };

export function ShareChart({ data, format, label }: Props) {
  const names = data.map((d) => d.name);
  return (
    <figure aria-label={label} data-chart="share" className="flex flex-col items-center gap-4 sm:flex-row">
      <DonutChart className="h-40 w-40" data={data} category="value" index="name" colors={modelColors(names)}
        valueFormatter={(v) => formatValue(format, v)} showAnimation={false} />
      <Legend categories={names} colors={modelColors(names)} className="max-w-xs" />
    </figure>
  );
}
