import { z } from "zod";
import { checkWindow } from "@/lib/analytics/schema";
import { ceilHour, floorHour } from "@/lib/analytics/time-zone";
import { inTimeRange, TIME_RANGE_MESSAGE, timeSchema } from "@/lib/ingest/schema";

// As in events, plus a plain date (UTC midnight).
const time = z.union([
  timeSchema,
  z.iso.date({ message: "must be an ISO-8601 time or epoch milliseconds" }).transform((s) => new Date(s)).refine(inTimeRange, TIME_RANGE_MESSAGE),
]);

export const assumptionsSchema = z
  .object({
    reviewCostPerFailureUsd: z.number().min(0, "must be 0 or more").max(10_000, "must be at most 10,000").default(0),
    minSamples: z.number().int("must be a whole number").min(1, "must be at least 1").max(100_000).default(30),
  })
  .strict();
export type Assumptions = z.output<typeof assumptionsSchema>;
export const DEFAULT_ASSUMPTIONS: Assumptions = { reviewCostPerFailureUsd: 0, minSamples: 30 };

/** POST /api/v1/simulate (contracts §7); `policy` is checked separately with the SDK's schema (422). */
export const simulateBodySchema = z
  .object({ from: time, to: time, policy: z.unknown(), assumptions: assumptionsSchema.default(DEFAULT_ASSUMPTIONS) })
  .transform((b) => ({ ...b, from: floorHour(b.from), to: ceilHour(b.to) }))
  .check(checkWindow);
