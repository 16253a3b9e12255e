// A team's task-type rules for OTLP spans that name no task type themselves (Settings → General): the first
// rule whose field matches gives the task type. A value ending in * matches by prefix, else exactly.
import { z } from "zod";
import type { Span, Value } from "@/lib/otlp/decode";

export const RULE_FIELDS = ["span_name", "service_name", "function_id", "attribute"] as const;
export const MAX_RULES = 50;

export const taskTypeRuleSchema = z
  .strictObject({
    field: z.enum(RULE_FIELDS, { message: "must be span_name, service_name, function_id or attribute" }),
    key: z.string().trim().max(128, "must be at most 128 characters").optional(),
    value: z.string().trim().min(1, "must not be empty").max(256, "must be at most 256 characters"),
    taskType: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1-64 characters of A-Z a-z 0-9 _ . : -"),
  })
  .refine((r) => r.field !== "attribute" || (r.key ?? "") !== "", { message: "names the attribute to match", path: ["key"] });

export const taskTypeRulesSchema = z.array(taskTypeRuleSchema).max(MAX_RULES, `at most ${MAX_RULES} rules`);
export type TaskTypeRule = z.output<typeof taskTypeRuleSchema>;

/** Rules as stored (validated when saved); anything unreadable counts as no rules rather than failing ingest. */
export const readRules = (stored: unknown): TaskTypeRule[] => {
  const parsed = taskTypeRulesSchema.safeParse(stored);
  return parsed.success ? parsed.data : [];
};

const asText = (v: Value | undefined) => (v === undefined || v === null ? undefined : typeof v === "string" ? v : JSON.stringify(v));

function fieldOf(span: Span, rule: TaskTypeRule): string | undefined {
  switch (rule.field) {
    case "span_name": return span.name;
    case "service_name": return asText(span.resource.get("service.name"));
    // The AI SDK's functionId (legacy spans), or the GenAI agent's name.
    case "function_id": return asText(span.attributes.get("ai.telemetry.functionId") ?? span.attributes.get("gen_ai.agent.name"));
    case "attribute": return asText(span.attributes.get(rule.key!) ?? span.resource.get(rule.key!));
  }
}

export function ruleTaskType(span: Span, rules: TaskTypeRule[]): string | undefined {
  for (const rule of rules) {
    const actual = fieldOf(span, rule);
    if (actual === undefined) continue;
    const hit = rule.value.endsWith("*") ? actual.startsWith(rule.value.slice(0, -1)) : actual === rule.value;
    if (hit) return rule.taskType;
  }
  return undefined;
}
