import { z } from "zod";
import { ceilHour, floorHour } from "@/lib/analytics/time-zone";
import { inTimeRange, TIME_RANGE_MESSAGE } from "@/lib/ingest/schema";

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

// Query strings carry epoch milliseconds as digits, or an ISO-8601 date or date-time.
const queryTime = z
  .string()
  .trim()
  .refine((s) => /^\d{1,16}$/.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success || z.iso.date().safeParse(s).success, {
    message: "must be an ISO-8601 time (2026-11-24T00:00:00Z), a date (2026-11-24) or epoch milliseconds",
  })
  .transform((s) => new Date(/^\d+$/.test(s) ? Number(s) : s))
  .refine(inTimeRange, TIME_RANGE_MESSAGE);

/** The window rule of the analytics and simulate endpoints: `to` after `from`, at most 366 days apart. */
export function checkWindow<T extends { from: Date; to: Date }>(ctx: z.core.ParsePayload<T>) {
  const { from, to } = ctx.value;
  if (from >= to) ctx.issues.push({ code: "custom", path: ["to"], message: "must be after from", input: to });
  else if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
    ctx.issues.push({ code: "custom", path: ["to"], message: `must be at most ${MAX_DAYS} days after from`, input: to });
  }
}

/**
 * `from` / `to` of the analytics endpoints: default the last 30 days; widened to whole hours, the grain of
 * the rollups (the response echoes the window used).
 */
export const windowQuerySchema = z
  .object({ from: queryTime.optional(), to: queryTime.optional() })
  .transform(({ from, to }) => {
    const end = ceilHour(to ?? new Date());
    return { from: floorHour(from ?? new Date(end.getTime() - 30 * DAY_MS)), to: end };
  })
  .check(checkWindow);

const optionalText = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).optional().transform((s) => s || undefined);

/** The Calls page's filters, from its search params; each message names the filter. */
export const callFiltersSchema = z.object({
  taskType: optionalText(64),
  model: optionalText(128),
  status: z.enum(["ok", "error"], { message: "must be ok or error" }).optional().or(z.literal("").transform(() => undefined)),
  outcome: z.enum(["success", "failure", "none"], { message: "must be success, failure or none" }).optional().or(z.literal("").transform(() => undefined)),
  kind: z.enum(["production", "shadow"], { message: "must be production or shadow" }).optional().or(z.literal("").transform(() => undefined)),
  traceId: optionalText(128),
  meta: optionalText(200).refine((s) => s === undefined || /^[^=]+=.*$/.test(s), { message: "must look like key=value" }),
  cursor: optionalText(300),
});
export type CallFilters = z.output<typeof callFiltersSchema>;

/** Keyset position (time, id) of the last call on a page, opaque to the browser. */
export function encodeCursor(ts: Date, id: string) {
  return Buffer.from(`${ts.getTime()}:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { ts: Date; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString();
  const m = /^(\d{1,16}):(.+)$/.exec(text);
  return m ? { ts: new Date(Number(m[1])), id: m[2] } : null;
}
