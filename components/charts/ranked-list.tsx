"use client";
// Horizontal bars of the largest items (task types by spend).
import { BarList } from "@tremor/react";
import { formatValue, type ValueFormat } from "@/components/charts/format";

export function RankedList({ data, format, label }: { data: { name: string; value: number; href?: string }[]; format: ValueFormat; label: string }) {
  return (
    <figure aria-label={label} data-chart="ranked">
      <BarList data={data} valueFormatter={(v: number) => formatValue(format, v)} />
    </figure>
  );
}
