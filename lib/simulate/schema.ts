import { z } from "zod";
import { ceilHour, floorHour } from "@/lib/analytics/time-zone";

const time = z.union([
  z.number().int().min(0, "must be epoch milliseconds").max(8.64e15).transform((ms) => new Date(ms)),
  z.iso.datetime({ offset: true, message: "must be an ISO-8601 time or epoch milliseconds" }).transform((s) => new Date(s)),
  z.iso.date({ message: "must be an ISO-8601 time or epoch milliseconds" }).transform((s) => new Date(s)),
]);

export const assumptionsSchema = z
  .object({
    reviewCostPerFailureUsd: z.number().min(0, "must be 0 or more").max(10_000, "must be at most 10,000").default(0),
    minSamples: z.number().int("must be a whole number").min(1, "must be at least 1").max(100_000).default(30),
  })
  .strict();
export type Assumptions = z.output<typeof assumptionsSchema>;

/** POST /api/v1/simulate (contracts §7); `policy` is checked separately with the SDK's schema (422). */
export const simulateBodySchema = z
  .object({ from: time, to: time, policy: z.unknown(), assumptions: assumptionsSchema.default({ reviewCostPerFailureUsd: 0, minSamples: 30 }) })
  .transform((b) => ({ ...b, from: floorHour(b.from), to: ceilHour(b.to) }))
  .check((ctx) => {
    if (ctx.value.from >= ctx.value.to) ctx.issues.push({ code: "custom", path: ["to"], message: "must be after from", input: ctx.value.to });
    else if (ctx.value.to.getTime() - ctx.value.from.getTime() > 366 * 86_400_000) {
      ctx.issues.push({ code: "custom", path: ["to"], message: "must be at most 366 days after from", input: ctx.value.to });
    }
  });
