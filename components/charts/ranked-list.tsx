"use client";
// Horizontal bars of the largest items (task types by spend).
import { BarList } from "@tremor/react";
import { formatValue, type ValueFormat } from "@/components/charts/format";
import { columnDecimals } from "@/lib/pricing/money";

export function RankedList({ data, format, label }: { data: { name: string; value: number; href?: string }[]; format: ValueFormat; label: string }) {
  // Amounts are a column: one precision for all of them.
  const decimals = format === "usd" ? columnDecimals(data.map((d) => d.value * 1e9)) : undefined;
  return (
    <figure aria-label={label} data-chart="ranked">
      <BarList data={data} valueFormatter={(v: number) => formatValue(format, v, decimals)} />
    </figure>
  );
}
