// The wire formats of POST /api/v1/ingest (one CallEvent) and POST /api/v1/outcomes (contracts §3, §4).
import { z } from "zod";

export const MAX_EVENTS = 1000;
export const MAX_CONTENT_BYTES = 32 * 1024;

/** A time in a JSON body: epoch milliseconds or an ISO-8601 date-time. */
export const timeSchema = z.union([
  z.number().int().min(0, "must be epoch milliseconds").max(8.64e15).transform((ms) => new Date(ms)),
  z.iso.datetime({ offset: true, message: "must be an ISO-8601 time or epoch milliseconds" }).transform((s) => new Date(s)),
]);
const count = z.number().int("must be a whole number").min(0, "must be >= 0").max(2_147_483_647);
const small = z.number().int("must be a whole number").min(0, "must be >= 0").max(32_767);
const ms = z.number().min(0, "must be >= 0").max(86_400_000, "must be at most a day in ms");
const ref = z.string().min(1).max(128, "must be at most 128 characters");
const content = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())]).transform((v) => (typeof v === "string" ? v : JSON.stringify(v)));

export const callEventSchema = z
  .object({
    id: z.string().min(1, "must not be empty").max(128, "must be at most 128 characters"),
    timestamp: timeSchema,
    taskType: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 _ . : -"),
    model: z.string().min(1, "must not be empty").max(128),
    provider: z.string().min(1).max(64).optional(),
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count.optional(),
    reasoningTokens: count.optional(),
    latencyMs: ms,
    ttftMs: ms.optional(),
    status: z.enum(["ok", "error"], { message: "must be ok or error" }),
    errorType: z.string().min(1).max(64).optional(),
    outcome: z.enum(["success", "failure"], { message: "must be success or failure" }).optional(),
    traceId: ref.optional(),
    stepIndex: small.optional(),
    contextTokens: count.optional(),
    toolCount: small.optional(),
    toolCallCount: small.optional(),
    attempt: z.number().int().min(1, "must be >= 1").max(100).optional(),
    parentId: ref.optional(),
    escalatedFrom: z.string().min(1).max(128).optional(),
    shadowOf: ref.optional(),
    policyVersion: z.number().int().min(0).max(2_147_483_647).optional(),
    ruleId: z.string().min(1).max(64).optional(),
    costUsd: z.number().min(0, "must be >= 0").max(1e6).optional(),
    metadata: z
      .record(z.string().min(1).max(64), z.string().max(256, "values must be at most 256 characters"))
      .refine((m) => Object.keys(m).length <= 32, "must have at most 32 keys")
      .optional(),
    input: content.optional(),
    output: content.optional(),
  })
  .superRefine((e, ctx) => {
    if (e.cachedInputTokens !== undefined && e.cachedInputTokens > e.inputTokens) {
      ctx.addIssue({ code: "custom", path: ["cachedInputTokens"], message: "must be <= inputTokens" });
    }
    if (e.ttftMs !== undefined && e.ttftMs > e.latencyMs) {
      ctx.addIssue({ code: "custom", path: ["ttftMs"], message: "must be <= latencyMs" });
    }
  });

export type CallEvent = z.output<typeof callEventSchema>;

export const ingestBodySchema = z.object({
  events: z.array(z.unknown()).min(1, "must contain at least one event"),
});

export const outcomeLabelSchema = z
  .object({
    callId: ref.optional(),
    traceId: ref.optional(),
    outcome: z.enum(["success", "failure"], { message: "must be success or failure" }),
    reason: z.string().max(500, "must be at most 500 characters").optional(),
  })
  .strict()
  .refine((o) => (o.callId === undefined) !== (o.traceId === undefined), { message: "needs exactly one of callId or traceId", path: ["callId"] });

export const outcomesBodySchema = z.object({
  outcomes: z.array(outcomeLabelSchema).min(1, "must contain at least one label").max(MAX_EVENTS, `must contain at most ${MAX_EVENTS} labels`),
});

export type OutcomeLabel = z.output<typeof outcomeLabelSchema>;
