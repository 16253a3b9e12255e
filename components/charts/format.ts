// Value formats the charts and client tables accept by name: formatter functions cannot cross from server
// to client components.
import { formatCount, formatDollars, formatMs, formatPercent } from "@/components/ui/format";
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
