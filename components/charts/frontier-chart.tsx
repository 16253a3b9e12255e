"use client";
// Cost per task against success rate, one bubble per model: the trade-off of a task type at a glance.
// recharts directly (Tremor's scatter has no axis titles and clips bubbles at the plot's edge): the axes
// leave room around the extreme points and say what they measure.
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from "recharts";
import colors from "tailwindcss/colors";
import { axisFormat, axisTicks, formatValue, modelHex } from "@/components/charts/format";
import { formatCount } from "@/components/ui/format";
import { niceCeil } from "@/lib/analytics/series";

type Point = { model: string; costPerTaskUsd: number; successRate: number | null; labeled: number };

export function FrontierChart({ points, label }: { points: Point[]; label: string }) {
  const data = points.filter((p) => p.successRate !== null);
  const maxCost = Math.max(...data.map((d) => d.costPerTaskUsd), 0);
  const minSuccess = Math.min(...data.map((d) => d.successRate!), 1);
  // 15% of room right of the dearest model and below the weakest, so no bubble is cut at the edge.
  const xDomain: [number, number] = [0, maxCost > 0 ? niceCeil(maxCost * 1.15) : 1];
  const yDomain: [number, number] = [Math.max(0, Math.floor((minSuccess - Math.max(0.03, (1 - minSuccess) * 0.15)) * 20) / 20), 1];
  const [xTicks, yTicks] = [axisTicks(xDomain), axisTicks(yDomain)];
  const tick = { fill: colors.gray[500] };
  return (
    <figure aria-label={label} data-chart="frontier" className="h-64 text-xs">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 12, right: 16, bottom: 20, left: 18 }}>
          <CartesianGrid stroke={colors.gray[200]} />
          <XAxis type="number" dataKey="costPerTaskUsd" name="Cost per task" domain={xDomain} tick={tick} tickFormatter={axisFormat("usd", xTicks)} ticks={xTicks}
            label={{ value: "Cost per task", position: "insideBottom", offset: -12, fill: colors.gray[600] }} />
          <YAxis type="number" dataKey="successRate" name="Success" domain={yDomain} tick={tick} width={64} tickFormatter={axisFormat("percent", yTicks)} ticks={yTicks}
            label={{ value: "Success", angle: -90, position: "left", offset: 4, fill: colors.gray[600] }} />
          <ZAxis type="number" dataKey="labeled" range={[60, 400]} name="Labels" />
          <Tooltip formatter={(v: number, name: string) => (name === "Cost per task" ? formatValue("usd", v) : name === "Success" ? formatValue("percent", v) : formatCount(v))} />
          <Legend iconType="circle" iconSize={8} verticalAlign="top" wrapperStyle={{ paddingBottom: 8 }} />
          {data.map((d) => <Scatter key={d.model} name={d.model} data={[d]} fill={modelHex(d.model)} isAnimationActive={false} />)}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  );
}
