// The routing policy format (contracts §5). This schema is the only definition: the server validates
// published policies with it, the editor previews with it and the SDK evaluates what it accepts.
import { z } from "zod";
import { exactString } from "./text";

const modelName = exactString().trim().min(1, "must name a model").max(128);

const range = z
  .object({ gt: z.number(), gte: z.number(), lt: z.number(), lte: z.number() })
  .partial()
  .strict()
  .refine((r) => Object.keys(r).length > 0, "needs at least one of gt, gte, lt, lte");

export const conditionSchema = z
  .object({
    taskType: z.array(exactString().min(1).max(64)).min(1, "must list at least one task type"),
    contextTokens: range,
    toolCount: range,
    metadata: z.record(exactString().min(1).max(64), z.union([exactString().max(256), z.array(exactString().max(256)).min(1)])),
  })
  .partial()
  .strict();

const splitArm = z.object({ model: modelName, weight: z.number().positive("must be above 0") }).strict();

export const ruleSchema = z
  .object({
    id: exactString().trim().min(1, "must not be empty").max(64),
    when: conditionSchema.default({}),
    model: modelName.optional(),
    split: z.array(splitArm).min(1, "must have at least one model").optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if ((rule.model === undefined) === (rule.split === undefined)) {
      ctx.addIssue({ code: "custom", path: ["model"], message: "a rule needs exactly one of model or split" });
    }
  });

export const escalationSchema = z
  .object({
    model: modelName,
    on: z.array(z.enum(["error", "malformed_output"])).min(1, "must list at least one failure kind"),
    maxAttempts: z.number().int().min(2, "must be at least 2").max(5, "must be at most 5"),
  })
  .strict();

export const shadowSchema = z
  .object({
    when: conditionSchema.default({}),
    model: modelName,
    sampleRate: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1"),
  })
  .strict();

/**
 * Exploration (contracts §10): a `rate` share of the matching routed calls goes to one of `models`, picked
 * from the same hash as splits, so every model keeps a little logged traffic with a known probability.
 */
export const exploreSchema = z
  .object({
    rate: z.number().gt(0, "must be above 0").max(1, "must be at most 1"),
    models: z.array(modelName).min(1, "must list at least one model"),
    when: conditionSchema.optional(),
  })
  .strict();

export const policySchema = z
  .object({
    defaultModel: modelName,
    rules: z.array(ruleSchema).optional(),
    escalation: escalationSchema.optional(),
    shadow: z.array(shadowSchema).optional(),
    explore: exploreSchema.optional(),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    (policy.rules ?? []).forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
  });

export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;

/** What a team runs before it publishes anything (version 0): every call on the mid-tier model. */
export const DEFAULT_POLICY: Policy = { defaultModel: "gpt-5.4-mini" };
