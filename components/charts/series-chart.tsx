"use client";
// Stacked bars over time (cost by model per day or hour). Adapter: rows of { label, [series]: value }.
import { BarChart } from "@tremor/react";
import { formatValue, type ValueFormat } from "@/components/charts/format";
import { modelColors } from "@/lib/analytics/model-colors";

type Props = { data: Record<string, string | number>[]; series: string[]; format: ValueFormat; label: string };

export function SeriesChart({ data, series, format, label }: Props) {
  return (
    <figure aria-label={label} data-chart="series">
      <BarChart
        className="h-64"
        data={data}
        index="label"
        categories={series}
        colors={modelColors(series)}
        valueFormatter={(v) => formatValue(format, v)}
        stack
        yAxisWidth={72}
        showAnimation={false}
      />
    </figure>
  );
}
