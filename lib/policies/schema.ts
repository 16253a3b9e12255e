import { policySchema } from "@switchyard/sdk";
import { z } from "zod";
import { fromZod } from "@/lib/http/errors";

export const publishBodySchema = z.object({
  policy: z.unknown(),
  message: z.string().trim().max(500, "must be at most 500 characters").optional(),
  /** Why to publish below the team's success floor (the policy gate); kept in the audit log. */
  override: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
});

export const rollbackBodySchema = z.object({
  version: z.number().int("must be a whole number").min(1, "must be a published version (1 or more)"),
  message: z.string().trim().max(500).optional(),
});

/** Validates with the SDK's schema; problems are a 422 naming each path under `policy`. */
export function parsePolicy(value: unknown) {
  const result = policySchema.safeParse(value);
  if (result.success) return result.data;
  throw fromZod(result.error, "policy", { status: 422, code: "invalid_policy", prefix: ["policy"] });
}
