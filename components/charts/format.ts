// Value formats the charts and client tables accept by name: formatter functions cannot cross from server
// to client components.
import { formatCount, formatDollars, formatMs, formatPercent } from "@/components/ui/format";

export type ValueFormat = "usd" | "ms" | "percent" | "count" | "number";

export function formatValue(format: ValueFormat, v: number): string {
  switch (format) {
    case "usd":
      return formatDollars(v);
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
