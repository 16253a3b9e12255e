// Display formats shared by the pages. Dates render on the server in the team's time zone, so server and
// browser output match and every page reads in the same zone.
import { columnDecimals, formatSpend, formatSpendFixed } from "@/lib/pricing/money";

const dateTimes = new Map<string, Intl.DateTimeFormat>();

export function formatDateTime(d: Date | null | undefined, zone = "UTC", empty = "Never") {
  if (!d) return empty;
  let f = dateTimes.get(zone);
  // 24-hour, like the short form of dense lists, so a time reads the same on every page.
  if (!f) dateTimes.set(zone, (f = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", hourCycle: "h23", timeZone: zone })));
  return `${f.format(d)}${zone === "UTC" ? " UTC" : ""}`;
}

const shortTimes = new Map<string, Intl.DateTimeFormat>();

/** "Dec 1, 19:21:43": for dense lists whose header names the zone; the full form is its title. */
export function formatShortDateTime(d: Date, zone = "UTC") {
  let f = shortTimes.get(zone);
  if (!f) shortTimes.set(zone, (f = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZone: zone })));
  return f.format(d);
}

const counts = new Intl.NumberFormat("en-US");
const compactCounts = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
/** 1,650 → "1.7K": where a column must stay narrow; the exact count goes in its title. */
export const formatCompactCount = (n: number) => compactCounts.format(n);
export const formatCount = (n: number) => counts.format(n);
/** "1 call", "2,400 calls": a count with its noun. */
export const countOf = (n: number, noun: string, plural = `${noun}s`) => `${counts.format(n)} ${n === 1 ? noun : plural}`;

/** Negative numbers take the minus sign (U+2212) that money and trends use, never a hyphen. */
const minus = (text: string) => text.replace(/^-/, "−");

export const formatPercent = (v: number | null, digits = 1) => (v === null ? "—" : minus(`${(v * 100).toFixed(digits)}%`));

export function formatMs(v: number | null) {
  if (v === null) return "—";
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${Math.round(v)} ms`;
}

export const formatUsd = (nanos: bigint | number | null) => (nanos === null ? "—" : formatSpend(nanos));

/** A formatter for one table column of nano-dollar amounts: all at the precision the column needs. */
export function usdColumn(amounts: (bigint | number | string | null)[]) {
  const decimals = columnDecimals(amounts.map((a) => (a === null ? null : typeof a === "string" ? Number(a) : a)));
  return (nanos: bigint | number | string) => formatSpendFixed(typeof nanos === "string" ? Number(nanos) : nanos, decimals);
}

/** Dollars as the API gives them (JSON numbers), formatted like every other amount. */
export const formatDollars = (dollars: number) => formatSpend(dollars * 1e9);

/** "+12% vs the same span 7 days earlier"; null when there is nothing to compare with. */
export function formatTrend(now: bigint, before: bigint, period: string) {
  if (before === 0n) return null;
  const change = (Number(now) - Number(before)) / Number(before);
  return { text: `${change >= 0 ? "+" : "−"}${Math.abs(change * 100).toFixed(0)}% vs the same span ${period} earlier`, up: change > 0 };
}
