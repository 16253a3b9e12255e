import { policySchema, toStorable } from "@switchyard/sdk";
import { z } from "zod";
import { fromZod } from "@/lib/http/errors";

export const publishBodySchema = z.object({
  policy: z.unknown(),
  message: z.string().trim().max(500, "must be at most 500 characters").transform(toStorable).optional(),
  /** Why to publish below the team's success floor (the policy gate); kept in the audit log. */
  override: z.string().trim().max(1000, "must be at most 1000 characters").transform(toStorable).optional(),
  /** Roll back by itself if a task type this version changed falls below a floor or its projection (contracts §10). */
  guard: z.object({
    minSuccess: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").optional(),
    belowProjection: z.boolean().optional(),
  }).strict().refine((g) => g.minSuccess !== undefined || g.belowProjection === true, "must set minSuccess or belowProjection: true").optional(),
});
export type Guard = NonNullable<z.output<typeof publishBodySchema>["guard"]>;

export const rollbackBodySchema = z.object({
  version: z.number().int("must be a whole number").min(1, "must be a published version (1 or more)").max(2_147_483_647, "must be a published version"),
  message: z.string().trim().max(500, "must be at most 500 characters").transform(toStorable).optional(),
});

/** Validates with the SDK's schema; problems are a 422 naming each path under `policy`. */
export function parsePolicy(value: unknown) {
  const result = policySchema.safeParse(value);
  if (result.success) return result.data;
  throw fromZod(result.error, "policy", { code: "invalid_policy", prefix: ["policy"] });
}
