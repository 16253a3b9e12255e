// The dashboards' time window: presets counted in the team's time zone, or a custom span of local dates.
// Windows are aligned to whole hours because the rollups are hourly (zones with a 30- or 45-minute offset
// see their day boundaries snapped to the hour before).
import { addDays, floorHour, localDate, startOfLocalDay } from "@/lib/analytics/time-zone";

export const PRESETS = ["24h", "7d", "30d"] as const;
export type Preset = (typeof PRESETS)[number] | "custom";

export type Window = { from: Date; to: Date; preset: Preset; label: string; byHour: boolean; fromDate: string; toDate: string };

export type RangeParams = { range?: string; from?: string; to?: string };

const HOUR_MS = 3_600_000;
const MAX_DAYS = 366;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function localSpan(first: string, last: string, zone: string) {
  return { from: floorHour(startOfLocalDay(first, zone)), to: floorHour(startOfLocalDay(addDays(last, 1), zone)) };
}

/** A window from the page's search params; `error` says what was wrong when they were unusable. */
export function parseRange(params: RangeParams, zone: string, now = new Date()): { window: Window; error?: string } {
  const today = localDate(now, zone);
  if (params.range === "custom" || (!params.range && (params.from || params.to))) {
    const { from = "", to = "" } = params;
    const problem =
      !isoDate.test(from) || Number.isNaN(Date.parse(from)) ? "The custom range needs a start date (from) like 2026-11-01."
      : !isoDate.test(to) || Number.isNaN(Date.parse(to)) ? "The custom range needs an end date (to) like 2026-11-24."
      : from < "2000-01-01" || to > "2099-12-31" ? "The custom range must lie between 2000-01-01 and 2099-12-31."
      : to < from ? "The custom range ends before it starts: pick an end date (to) on or after the start date (from)."
      : Date.parse(to) - Date.parse(from) > MAX_DAYS * 86_400_000 ? `The custom range is longer than ${MAX_DAYS} days: pick a shorter span.`
      : null;
    if (problem) return { window: presetWindow("30d", zone, now, today), error: problem };
    const span = localSpan(from, to, zone);
    return { window: { ...span, preset: "custom", label: from === to ? from : `${from} to ${to}`, byHour: from === to, fromDate: from, toDate: to } };
  }
  const preset = (PRESETS as readonly string[]).includes(params.range ?? "") ? (params.range as Preset) : "30d";
  const error = params.range && preset !== params.range ? `Unknown range "${params.range}": use 24h, 7d, 30d or custom.` : undefined;
  return { window: presetWindow(preset, zone, now, today), error };
}

function presetWindow(preset: Preset, zone: string, now: Date, today: string): Window {
  if (preset === "24h") {
    const to = new Date(floorHour(now).getTime() + HOUR_MS);
    const from = new Date(to.getTime() - 24 * HOUR_MS);
    return { from, to, preset, label: "Last 24 hours", byHour: true, fromDate: localDate(from, zone), toDate: today };
  }
  const days = preset === "7d" ? 7 : 30;
  const first = addDays(today, -(days - 1));
  return { ...localSpan(first, today, zone), preset, label: `Last ${days} days`, byHour: false, fromDate: first, toDate: today };
}

/** The window as search params, for links that keep it (calls → call → back). */
export function rangeQuery(w: Window): string {
  return w.preset === "custom" ? `range=custom&from=${w.fromDate}&to=${w.toDate}` : `range=${w.preset}`;
}

/** The window's own query fields plus `keep` (non-empty ones): the hidden fields of a form that reloads the page. */
export function rangeFields(w: Window, keep: Record<string, string | undefined> = {}): [string, string][] {
  return [...new URLSearchParams(rangeQuery(w)), ...Object.entries(keep)].filter((e): e is [string, string] => Boolean(e[1]));
}

/** The `days` up to the end of the current hour (the API's and simulator's own windows, not the pages'). */
export function lastDays(days: number, now = new Date()) {
  const to = new Date(Math.ceil(now.getTime() / HOUR_MS) * HOUR_MS);
  return { from: new Date(to.getTime() - days * 24 * HOUR_MS), to };
}
