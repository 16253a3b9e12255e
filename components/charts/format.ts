// Value formats the charts accept by name: formatter functions cannot cross from server to client components.
export type ValueFormat = "usd" | "ms" | "percent" | "count";

const count = new Intl.NumberFormat("en-US");

export function formatValue(format: ValueFormat, v: number): string {
  switch (format) {
    case "usd":
      return `$${v.toFixed(Math.abs(v) >= 1 || v === 0 ? 2 : 4)}`;
    case "ms":
      return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
    case "percent":
      return `${(v * 100).toFixed(1)}%`;
    case "count":
      return count.format(v);
  }
}

export const CHART_COLORS = ["blue", "emerald", "amber", "violet", "rose", "cyan", "fuchsia", "lime"];
