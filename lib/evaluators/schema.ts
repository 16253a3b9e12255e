// The evaluators API's bodies (contracts §13). A kind's `config` is checked by that kind's own schema
// (lib/evaluators/kinds.ts), its issues named under `config`.
import { exactString, toStorable } from "@switchyard/sdk";
import { z } from "zod";
import { checkWindow } from "@/lib/analytics/schema";
import { timeSchema } from "@/lib/ingest/schema";
import { evaluatorConfig, KINDS } from "@/lib/evaluators/kinds";

const names = z.array(exactString().min(1, "must not be empty").max(128)).min(1, "must list at least one").max(100, "must list at most 100");

export const scopeSchema = z
  .object({ taskTypes: names.optional(), models: names.optional(), production: z.boolean().default(true), shadow: z.boolean().default(true) })
  .strict()
  .refine((s) => s.production || s.shadow, "must include production calls, shadow calls or both");
export type Scope = z.output<typeof scopeSchema>;

export const evaluatorBodySchema = z
  .object({
    name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters").transform(toStorable),
    kind: z.enum(KINDS, { message: `must be one of ${KINDS.join(", ")}` }),
    config: z.unknown(),
    scope: scopeSchema.default({ production: true, shadow: true }),
    sampleRate: z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1").default(1),
    enabled: z.boolean().default(true),
  })
  .strict()
  .transform((body, ctx) => {
    const config = evaluatorConfig(body.kind).safeParse(body.config ?? {});
    if (!config.success) {
      for (const issue of config.error.issues) ctx.addIssue({ code: "custom", path: ["config", ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    return { ...body, config: config.data as Record<string, unknown> };
  });
export type EvaluatorBody = z.output<typeof evaluatorBodySchema>;

/** `dryRun: true` answers the cost estimate (estimate.ts) without starting the job. */
export const backfillBodySchema = z.object({ from: timeSchema, to: timeSchema, dryRun: z.boolean().default(false) }).strict().check(checkWindow);

export const evaluatorIdParams = z.object({ evaluatorId: z.uuid("must be an evaluator id") });
