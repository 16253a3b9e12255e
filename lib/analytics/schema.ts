import { exactString, unstorableReason } from "@switchyard/sdk/core";
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

// Filter text is compared with stored text in SQL: what PostgreSQL cannot hold (NUL, lone surrogates) is refused.
const optionalText = (max: number) => exactString().trim().max(max, `must be at most ${max} characters`).optional().transform((s) => s || undefined);

/** The Calls page's filters, from its search params; each message names the filter. */
export const callFiltersSchema = z.object({
  taskType: optionalText(64),
  model: optionalText(128),
  status: z.enum(["ok", "error"], { message: "must be ok or error" }).optional().or(z.literal("").transform(() => undefined)),
  outcome: z.enum(["success", "failure", "none"], { message: "must be success, failure or none" }).optional().or(z.literal("").transform(() => undefined)),
  kind: z.enum(["production", "shadow"], { message: "must be production or shadow" }).optional().or(z.literal("").transform(() => undefined)),
  traceId: optionalText(128),
  meta: optionalText(200).refine((s) => s === undefined || /^[^=]+=.*$/.test(s), { message: "must look like key=value" }),
  q: optionalText(200),
  cursor: optionalText(300),
});
export type CallFilters = z.output<typeof callFiltersSchema>;

/** The Traces page's filters: the run's task type, a model any step used, the run's outcome, a minimum duration. */
export const traceFiltersSchema = z.object({
  taskType: optionalText(64),
  model: optionalText(128),
  outcome: callFiltersSchema.shape.outcome,
  minDuration: z.string().trim().optional()
    .transform((s) => (s ? Number(s) : undefined))
    .refine((n) => n === undefined || (Number.isFinite(n) && n >= 0 && n <= 86_400), "must be a number of seconds from 0 to 86400"),
  cursor: optionalText(300),
});
export type TraceFilters = z.output<typeof traceFiltersSchema>;

/** Keyset position (time, id) of the last call on a page, opaque to the browser. */
export function encodeCursor(ts: Date, id: string) {
  return Buffer.from(`${ts.getTime()}:${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { ts: Date; id: string } | null {
  const text = Buffer.from(cursor, "base64url").toString();
  const m = /^(\d{1,16}):(.+)$/.exec(text);
  if (!m || unstorableReason(m[2]) !== null) return null;
  const ts = new Date(Number(m[1]));
  return inTimeRange(ts) ? { ts, id: m[2] } : null;
}

const DEFAULT_CALLS_DAYS = 30;

/**
 * GET /api/v1/calls (contracts §11): the Calls page's filters (status ok|error, outcome success|failure|none),
 * an exact from/to (default the last 30 days), limit 1..1000 (default 100) and a cursor from nextCursor.
 */
export const callsQuerySchema = callFiltersSchema
  .omit({ cursor: true })
  .extend({
    from: queryTime.optional(),
    to: queryTime.optional(),
    limit: z.string().trim().regex(/^\d{1,4}$/, "must be a whole number from 1 to 1000").transform(Number).refine((n) => n >= 1 && n <= 1000, "must be a whole number from 1 to 1000").optional(),
    cursor: optionalText(300).refine((c) => c === undefined || decodeCursor(c) !== null, "must be a nextCursor from an earlier page"),
  })
  .transform(({ from, to, limit, cursor, ...filters }) => {
    const end = to ?? new Date();
    return { ...filters, from: from ?? new Date(end.getTime() - DEFAULT_CALLS_DAYS * DAY_MS), to: end, limit: limit ?? 100, after: cursor ? decodeCursor(cursor) : null };
  })
  .check(checkWindow);
export type CallsQuery = z.output<typeof callsQuerySchema>;

export const callIdParams = z.object({ id: exactString().min(1).max(128, "must be at most 128 characters") });
