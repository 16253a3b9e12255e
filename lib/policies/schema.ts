import { policySchema } from "@switchyard/sdk";
import { z } from "zod";
import { AppError, issuesOf } from "@/lib/http/errors";

export const publishBodySchema = z.object({
  policy: z.unknown(),
  message: z.string().trim().max(500, "must be at most 500 characters").optional(),
});

export const rollbackBodySchema = z.object({
  version: z.number().int("must be a whole number").min(1, "must be a published version (1 or more)"),
  message: z.string().trim().max(500).optional(),
});

/** Validates with the SDK's schema; problems are a 422 naming each path under `policy`. */
export function parsePolicy(value: unknown) {
  const result = policySchema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error, ["policy"]);
  throw new AppError(422, "invalid_policy", `Invalid policy: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
}
