// The alerts API's bodies (contracts §14). Each kind names the threshold fields it reads; a webhook's
// secret is write-only (sealed at rest, never listed).
import { exactString, toStorable } from "@switchyard/sdk/core";
import { z } from "zod";

export const ALERT_KINDS = ["success_rate", "error_rate", "latency_p95", "spend_daily", "spend_month", "silence", "unpriced"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const name64 = exactString().min(1, "must not be empty").max(128, "must be at most 128 characters");
export const alertScopeSchema = z.object({ taskType: name64.optional(), model: name64.optional(), ruleId: name64.optional() }).strict();
export type AlertScope = z.output<typeof alertScopeSchema>;

const share = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");
export const thresholdSchema = z
  .object({
    min: share.optional(),
    dropPoints: z.number().gt(0, "must be above 0").max(100, "must be at most 100").optional(),
    max: share.optional(),
    maxMs: z.number().gt(0, "must be above 0").max(86_400_000, "must be at most a day").optional(),
    maxUsd: z.number().gt(0, "must be above 0").max(1e9, "must be at most 1e9").optional(),
  })
  .strict();
export type Threshold = z.output<typeof thresholdSchema>;

export const channelSchema = z
  .object({
    type: z.literal("webhook", { message: "must be webhook" }),
    url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000, "must be at most 2000 characters"),
    secret: z.string().min(16, "must be at least 16 characters").max(256, "must be at most 256 characters"),
    format: z.enum(["json", "slack"], { message: "must be json or slack" }).default("json"),
  })
  .strict();
export type Channel = z.output<typeof channelSchema>;

/** The threshold field each kind needs (success_rate: either). */
const NEEDS: Record<AlertKind, (keyof Threshold)[]> = {
  success_rate: ["min", "dropPoints"], error_rate: ["max"], latency_p95: ["maxMs"], spend_daily: ["maxUsd"], spend_month: ["maxUsd"], silence: [], unpriced: [],
};

const fields = {
  name: z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters").transform(toStorable),
  kind: z.enum(ALERT_KINDS, { message: `must be one of ${ALERT_KINDS.join(", ")}` }),
  scope: alertScopeSchema.default({}),
  threshold: thresholdSchema.default({}),
  windowMinutes: z.number().int("must be whole minutes").min(5, "must be at least 5").max(10_080, "must be at most 10080 (a week)").default(60),
  channels: z.array(channelSchema).max(5, "must list at most 5").default([]),
  muted: z.boolean().default(false),
};

/** What is wrong with a threshold for a kind: a missing field it reads, or fields it does not. */
export function thresholdIssues(kind: AlertKind, threshold: Threshold): { path: string; message: string }[] {
  const needs = NEEDS[kind];
  const issues = needs.length && !needs.some((f) => threshold[f] !== undefined) ? [{ path: `threshold.${needs[0]}`, message: `${kind} needs threshold.${needs.join(" or threshold.")}` }] : [];
  for (const f of Object.keys(threshold) as (keyof Threshold)[]) if (!needs.includes(f)) issues.push({ path: `threshold.${f}`, message: `is not read by ${kind}` });
  return issues;
}

export const alertBodySchema = z.object(fields).strict().superRefine((b, ctx) => {
  for (const i of thresholdIssues(b.kind, b.threshold)) ctx.addIssue({ code: "custom", path: i.path.split("."), message: i.message });
});
export type AlertBody = z.output<typeof alertBodySchema>;

/** A change: any field; the kind's threshold is checked against the stored kind by the mutation. */
export const alertPatchSchema = z.object({
  name: fields.name.optional(), threshold: thresholdSchema.optional(), windowMinutes: fields.windowMinutes.removeDefault().optional(),
  channels: z.array(channelSchema).max(5, "must list at most 5").optional(), muted: z.boolean().optional(), scope: alertScopeSchema.optional(),
}).strict();
export type AlertPatch = z.output<typeof alertPatchSchema>;

export const alertIdParams = z.object({ alertId: z.string().min(1).max(64, "must be an alert id") });

