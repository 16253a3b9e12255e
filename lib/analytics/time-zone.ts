// Day boundaries in a team's IANA time zone, computed with Intl (no zone database of our own).

const HOUR_MS = 3_600_000;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function wallClock(date: Date, zone: string) {
  let f = partsFormat.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    partsFormat.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
  return { year: +p.year, month: +p.month, day: +p.day, hour: +p.hour, minute: +p.minute, second: +p.second };
}

/** The zone's offset from UTC at that instant, in milliseconds (positive east of Greenwich). */
function offsetAt(date: Date, zone: string): number {
  const w = wallClock(date, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(date.getTime() / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(date: Date, zone: string): string {
  const w = wallClock(date, zone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** The instant a local calendar date (YYYY-MM-DD) begins in the zone; DST-safe. */
export function startOfLocalDay(isoDate: string, zone: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the first estimate can differ from the offset at midnight across a DST change.
  let t = guess - offsetAt(new Date(guess), zone);
  t = guess - offsetAt(new Date(t), zone);
  return new Date(t);
}

/** The local calendar month holding an instant: when it began in the zone, and how many days it has. */
export function localMonth(date: Date, zone: string) {
  const [y, m] = localDate(date, zone).split("-").map(Number);
  return { start: startOfLocalDay(`${y}-${String(m).padStart(2, "0")}-01`, zone), days: new Date(Date.UTC(y, m, 0)).getUTCDate() };
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no zone involved). */
export function addDays(isoDate: string, n: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export const floorHour = (d: Date) => new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
export const ceilHour = (d: Date) => new Date(Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS);
