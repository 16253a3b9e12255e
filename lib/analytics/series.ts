// Axes for the charts: round value ends (niceCeil), and time axes with one row per local day (or hour,
// for short windows) of a window, keyed so rollup buckets and events (a policy publish) land on the same row.
import type { Window } from "@/lib/analytics/range";
import { addDays, localDate } from "@/lib/analytics/time-zone";

const HOUR_MS = 3_600_000;
// Local dates are formatted as UTC midnights of that date; hours in the team's zone.
const DAY_LABEL = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const hourLabel = (zone: string) => new Intl.DateTimeFormat("en-US", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone });

/** The window's rows in order, each `{ label }` to be filled, and the key of the row a moment falls in. */
export function timeBuckets(window: Window, zone: string) {
  const keyOf = (d: Date) => (window.byHour ? new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS).toISOString() : localDate(d, zone));
  const rows = new Map<string, Record<string, string | number | null>>();
  if (window.byHour) {
    const f = hourLabel(zone);
    for (let t = window.from.getTime(); t < window.to.getTime(); t += HOUR_MS) rows.set(new Date(t).toISOString(), { label: f.format(new Date(t)) });
  } else {
    for (let d = window.fromDate; d <= window.toDate; d = addDays(d, 1)) rows.set(d, { label: DAY_LABEL.format(new Date(`${d}T00:00:00Z`)) });
  }
  return { keyOf, rows };
}

/** The smallest of 1, 2, 2.5 or 5 × 10^k at or above v: axis ends at round values. */
export function niceCeil(v: number) {
  if (!(v > 0)) return 0;
  const step = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 2.5, 5, 10].find((m) => m * step >= v * (1 - 1e-12)) ?? 10) * step;
}
