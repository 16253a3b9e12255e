import { z } from "zod";
import { ceilHour, floorHour } from "@/lib/analytics/time-zone";

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

// Query strings carry epoch milliseconds as digits, or an ISO-8601 date or date-time.
const queryTime = z
  .string()
  .trim()
  .refine((s) => /^\d{1,16}$/.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success || z.iso.date().safeParse(s).success, {
    message: "must be an ISO-8601 time (2026-11-24T00:00:00Z), a date (2026-11-24) or epoch milliseconds",
  })
  .transform((s) => new Date(/^\d+$/.test(s) ? Number(s) : s));

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
  .check((ctx) => {
    const { from, to } = ctx.value;
    if (from >= to) ctx.issues.push({ code: "custom", path: ["to"], message: "must be after from", input: to });
    else if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS) {
      ctx.issues.push({ code: "custom", path: ["to"], message: `must be at most ${MAX_DAYS} days after from`, input: to });
    }
  });
