// Display formats shared by the pages. Dates render on the server in the team's time zone, so server and
// browser output match and every page reads in the same zone.
import { formatSpend } from "@/lib/pricing/money";

const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(d: Date | null | undefined, zone = "UTC", empty = "Never") {
  if (!d) return empty;
  let f = dateTimes.get(zone);
  if (!f) dateTimes.set(zone, (f = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: zone })));
  return `${f.format(d)}${zone === "UTC" ? " UTC" : ""}`;
}

const counts = new Intl.NumberFormat("en-US");
export const formatCount = (n: number) => counts.format(n);

export const formatPercent = (v: number | null, digits = 1) => (v === null ? "—" : `${(v * 100).toFixed(digits)}%`);

export function formatMs(v: number | null) {
  if (v === null) return "—";
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
}

export const formatUsd = (nanos: bigint | number | null) => (nanos === null ? "—" : formatSpend(nanos));

/** Dollars as the API gives them (JSON numbers), formatted like every other amount. */
export const formatDollars = (dollars: number) => formatSpend(dollars * 1e9);

/** "+12% vs previous 7 days"; null when there is nothing to compare with. */
export function formatTrend(now: bigint, before: bigint, period: string) {
  if (before === 0n) return null;
  const change = (Number(now) - Number(before)) / Number(before);
  return { text: `${change >= 0 ? "+" : "−"}${Math.abs(change * 100).toFixed(0)}% vs previous ${period}`, up: change > 0 };
}
