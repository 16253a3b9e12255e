// The wire formats of POST /api/v1/ingest (one CallEvent) and POST /api/v1/outcomes (contracts §3, §4).
import { exactString, freeString, toStorable as toStorableText } from "@switchyard/sdk";
import { z } from "zod";
import { fromZod, tooLarge } from "@/lib/http/errors";

export const MAX_EVENTS = 1000;
export const MAX_CONTENT_BYTES = 32 * 1024;

/** Times outside this range are refused: nothing we store is older, and later ones are typos or bugs. */
export const EARLIEST_TIME = new Date("2000-01-01T00:00:00Z");
export const LATEST_TIME = new Date("2100-01-01T00:00:00Z");
const DAY_MS = 86_400_000;
/** What a task type may be (also checked by lib/ingest/fast-event.ts). */
export const TASK_TYPE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const inTimeRange = (d: Date) => d >= EARLIEST_TIME && d < LATEST_TIME;
export const TIME_RANGE_MESSAGE = "must be between 2000-01-01 and 2100-01-01";

/** Why a value is not a time, said for what was sent (a union's own message would be "Invalid input"). */
function timeMessage(input: unknown) {
  if (typeof input === "number") return "must be whole epoch milliseconds, 0 or more (e.g. 1764584100000)";
  if (typeof input === "string") return "must be an ISO-8601 date-time with a zone (e.g. 2026-11-24T10:15:00Z or 2026-11-24T11:15:00+01:00) or epoch milliseconds";
  return `must be an ISO-8601 date-time string or epoch milliseconds, not ${input === null ? "null" : typeof input}`;
}

/** A time in a JSON body: epoch milliseconds or an ISO-8601 date-time, within 2000-2100. */
export const timeSchema = z
  .union([
    z.number().int("must be whole epoch milliseconds").min(0, "must be epoch milliseconds").max(8.64e15).transform((ms) => new Date(ms)),
    z.iso.datetime({ offset: true, message: "must be an ISO-8601 time or epoch milliseconds" }).transform((s) => new Date(s)),
  ], { error: (issue) => timeMessage(issue.input) })
  .refine(inTimeRange, TIME_RANGE_MESSAGE);

/** When a call started: not before 2000 and not more than a day ahead of the server's clock. */
export const eventTimeSchema = timeSchema.refine((d) => d.getTime() <= Date.now() + DAY_MS, "must not be more than 24 hours in the future");
const count = z.number().int("must be a whole number").min(0, "must be >= 0").max(2_147_483_647);
const small = z.number().int("must be a whole number").min(0, "must be >= 0").max(32_767);
// Stored as float4, which cannot hold subnormal values such as 5e-324: kept to the microsecond.
const ms = z.number().min(0, "must be >= 0").max(86_400_000, "must be at most a day in ms").transform((v) => Math.round(v * 1000) / 1000);
const name = (max: number) => exactString().min(1, "must not be empty").max(max, `must be at most ${max} characters`);
const ref = name(128);
// JSON content is kept as its JSON text, which escapes NUL and lone surrogates; raw strings are cleaned.
const content = z.union([freeString(), z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: "must be a string, or a JSON object or array" }).transform((v) => (typeof v === "string" ? v : JSON.stringify(v)));

export const callEventSchema = z
  .object({
    id: ref,
    timestamp: eventTimeSchema,
    taskType: z.string().regex(TASK_TYPE_PATTERN, "must be 1-64 characters of A-Z a-z 0-9 _ . : -"),
    model: name(128),
    provider: name(64).optional(),
    inputTokens: count,
    outputTokens: count,
    cachedInputTokens: count.optional(),
    reasoningTokens: count.optional(),
    latencyMs: ms,
    ttftMs: ms.optional(),
    status: z.enum(["ok", "error"], { message: "must be ok or error" }),
    errorType: name(64).optional(),
    outcome: z.enum(["success", "failure"], { message: "must be success or failure" }).optional(),
    traceId: ref.optional(),
    stepIndex: small.optional(),
    contextTokens: count.optional(),
    toolCount: small.optional(),
    toolCallCount: small.optional(),
    attempt: z.number().int().min(1, "must be >= 1").max(100).optional(),
    parentId: ref.optional(),
    escalatedFrom: name(128).optional(),
    shadowOf: ref.optional(),
    policyVersion: z.number().int().min(0).max(2_147_483_647).optional(),
    ruleId: name(64).optional(),
    propensity: z.number().gt(0, "must be above 0").max(1, "must be at most 1").optional(),
    costUsd: z.number().min(0, "must be >= 0").max(1e6).optional(),
    metadata: z
      .record(name(64), z.string().max(256, "values must be at most 256 characters").transform(toStorableText))
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

/** A batch of more than MAX_EVENTS items is too large (413), for events and labels alike. */
export function checkBatchSize(items: unknown[], noun: string) {
  if (items.length > MAX_EVENTS) throw tooLarge(`A batch holds at most ${MAX_EVENTS} ${noun}; this one has ${items.length}.`);
}

export const ingestBodySchema = z.object({
  events: z.array(z.unknown()).min(1, "must contain at least one event"),
});

export const outcomeLabelSchema = z
  .object({
    callId: ref.optional(),
    traceId: ref.optional(),
    outcome: z.enum(["success", "failure"], { message: "must be success or failure" }),
    reason: z.string().max(500, "must be at most 500 characters").transform(toStorableText).optional(),
  })
  .strict()
  .refine((o) => (o.callId === undefined) !== (o.traceId === undefined), { message: "needs exactly one of callId or traceId", path: ["callId"] });

export const outcomesBodySchema = z.object({
  outcomes: z.array(z.unknown()).min(1, "must contain at least one label"),
});

export type OutcomeLabel = z.output<typeof outcomeLabelSchema>;

/** The labels of one request: size first (413), then every label (400 naming each field); all or none. */
export function parseOutcomeLabels(items: unknown[]): OutcomeLabel[] {
  checkBatchSize(items, "labels");
  const labels = z.array(outcomeLabelSchema).safeParse(items);
  if (!labels.success) throw fromZod(labels.error, "body", { prefix: ["outcomes"] });
  return labels.data;
}
