"use client";
// A metric over time, a line per model, with policy publishes drawn as labelled vertical lines (recharts
// directly: Tremor's line chart has no reference lines). Colours are the models' colours on every page.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import colors from "tailwindcss/colors";
import { formatValue, type ValueFormat } from "@/components/charts/format";
import { modelHex } from "@/components/charts/format";

type Props = {
  label: string; format: ValueFormat; models: string[]; data: Record<string, string | number | null>[];
  markers: { label: string; version: number; rollback: boolean }[];
};


export function TrendChart({ label, format, models, data, markers }: Props) {
  return (
    <figure aria-label={label} data-chart="trend" className="h-56 text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={colors.gray[200]} vertical={false} />
          <XAxis dataKey="label" tick={{ fill: colors.gray[500] }} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis width={76} tick={{ fill: colors.gray[500] }} tickLine={false} axisLine={false} tickFormatter={(v: number) => formatValue(format, v)}
            domain={[0, (max: number) => (max > 0 ? max : format === "percent" ? 0.01 : 1)]} />
          <Tooltip formatter={(v: number) => formatValue(format, v)} />
          <Legend iconType="circle" iconSize={8} />
          {markers.map((m) => (
            <ReferenceLine key={m.version} x={m.label} stroke={m.rollback ? colors.red[500] : colors.gray[700]} strokeDasharray="4 3"
              label={{ value: `v${m.version}${m.rollback ? " rollback" : ""}`, position: "top", fill: colors.gray[700], fontSize: 11 }} />
          ))}
          {models.map((m) => <Line key={m} type="monotone" dataKey={m} stroke={modelHex(m)} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />)}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
