"use client";
// A metric over time, a line per model, with policy publishes drawn as labelled vertical lines (recharts
// directly: Tremor's line chart has no reference lines). Colours are the models' colours on every page.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import colors from "tailwindcss/colors";
import { axisFormat, axisTicks, formatValue, modelHex, type ValueFormat } from "@/components/charts/format";
import { niceCeil } from "@/lib/analytics/series";

type Props = {
  label: string; format: ValueFormat; zoom?: boolean; models: string[]; data: Record<string, string | number | null>[];
  markers: { label: string; version: number; rollback: boolean }[];
};

/** From zero to a round value above the highest point; zoomed (success), from a round value below the lowest to at most 100%. */
function domainOf(data: Props["data"], models: string[], format: ValueFormat, zoom: boolean): [number, number] {
  const values = data.flatMap((row) => models.map((m) => row[m])).filter((v): v is number => typeof v === "number");
  const max = Math.max(0, ...values);
  if (zoom && values.length) {
    const min = Math.min(...values);
    const room = Math.max(0.02, (max - min) * 0.2);
    return [Math.max(0, Math.floor((min - room) * 20) / 20), Math.min(1, Math.ceil((max + room / 2) * 20) / 20)];
  }
  return [0, max > 0 ? niceCeil(max) : format === "percent" ? 0.01 : 1];
}

export function TrendChart({ label, format, zoom = false, models, data, markers }: Props) {
  const domain = domainOf(data, models, format, zoom);
  const ticks = axisTicks(domain);
  return (
    <figure aria-label={label} data-chart="trend" className="h-56 text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={colors.gray[200]} vertical={false} />
          <XAxis dataKey="label" tick={{ fill: colors.gray[500] }} tickLine={false} axisLine={false} minTickGap={16} />
          <YAxis width={76} tick={{ fill: colors.gray[500] }} tickLine={false} axisLine={false} tickFormatter={axisFormat(format, ticks)}
            domain={domain} ticks={ticks} allowDataOverflow={false} />
          <Tooltip formatter={(v: number) => formatValue(format, v)} />
          <Legend iconType="circle" iconSize={8} />
          {/* Labels alternate above and inside the plot, so versions a day or two apart stay readable. */}
          {markers.map((m, i) => (
            <ReferenceLine key={m.version} x={m.label} stroke={m.rollback ? colors.red[500] : colors.gray[700]} strokeDasharray="4 3"
              label={{ value: `v${m.version}${m.rollback ? " ↩" : ""}`, position: i % 2 ? "insideTopRight" : "top", fill: m.rollback ? colors.red[700] : colors.gray[700], fontSize: 11 }} />
          ))}
          {models.map((m) => <Line key={m} type="monotone" dataKey={m} stroke={modelHex(m)} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />)}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
