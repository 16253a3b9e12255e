// Value formats the charts and client tables accept by name: formatter functions cannot cross from server
// to client components.
import { formatCount, formatDollars, formatMs, formatPercent } from "@/components/ui/format";
import { niceCeil } from "@/lib/analytics/series";
import colors from "tailwindcss/colors";
import { modelColor } from "@/lib/analytics/model-colors";
import { formatSpendFixed } from "@/lib/pricing/money";

export type ValueFormat = "usd" | "ms" | "percent" | "count" | "number";

/** `decimals`: a money column's shared precision (columnDecimals), else each amount's own. */
export function formatValue(format: ValueFormat, v: number, decimals?: number): string {
  switch (format) {
    case "usd":
      return decimals === undefined ? formatDollars(v) : formatSpendFixed(v * 1e9, decimals);
    case "ms":
      return formatMs(v);
    case "percent":
      return formatPercent(v);
    case "count":
      return formatCount(v);
    case "number":
      return v.toFixed(1);
  }
}

/** A model's colour as a hex value, for charts drawn with recharts directly (Tremor takes the colour's name). */
export const modelHex = (model: string) => (colors as unknown as Record<string, Record<number, string>>)[modelColor(model)]?.[500] ?? colors.gray[500];

/** Ticks at a round step, at its multiples within the domain (three to five of them). */
export function axisTicks([low, high]: [number, number]): number[] {
  const step = niceCeil((high - low) / 4) || 1;
  const ticks: number[] = [];
  for (let t = Math.ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/** Decimals that show every value exactly (after rounding away float noise). */
const decimalsOf = (values: number[]) => Math.max(0, ...values.map((v) => (Number(v.toPrecision(10)).toString().split(".")[1] ?? "").length));

/**
 * One format for every tick of an axis: the precision its step needs and one unit, so a 0.25-point step
 * reads 0.25% (not 0.3%), money ticks share their decimals, and a latency axis is all in s or all in ms.
 */
export function axisFormat(format: ValueFormat, ticks: number[]): (v: number) => string {
  switch (format) {
    case "usd": {
      const decimals = Math.max(2, decimalsOf(ticks));
      return (v) => formatSpendFixed(v * 1e9, decimals);
    }
    case "percent": {
      const decimals = decimalsOf(ticks.map((t) => t * 100));
      return (v) => formatPercent(v, decimals);
    }
    case "ms": {
      if (Math.max(...ticks) < 1000) return (v) => `${Math.round(v)} ms`;
      const decimals = decimalsOf(ticks.map((t) => t / 1000));
      return (v) => `${(v / 1000).toFixed(decimals)} s`;
    }
    default:
      return (v) => formatValue(format, v);
  }
}
