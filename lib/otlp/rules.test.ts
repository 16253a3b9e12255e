import { describe, expect, it } from "vitest";
import type { Span } from "@/lib/otlp/decode";
import { ruleTaskType, taskTypeRulesSchema } from "@/lib/otlp/rules";

const span = (name: string, attributes: Record<string, string> = {}, resource: Record<string, string> = {}): Span => ({
  traceId: "t", spanId: "s", name, startNs: 0n, endNs: 1n, statusCode: 0, statusMessage: "", events: [],
  attributes: new Map(Object.entries(attributes)), resource: new Map(Object.entries(resource)),
});

describe("OTLP task type rules", () => {
  const rules = taskTypeRulesSchema.parse([
    { field: "attribute", key: "app.feature", value: "refunds", taskType: "refund_agent" },
    { field: "span_name", value: "chat gpt-5.4-nano*", taskType: "classify" },
    { field: "service_name", value: "summarizer", taskType: "summarize" },
    { field: "function_id", value: "triage", taskType: "route" },
  ]);

  it("takes the first rule that matches: exact values, prefixes with *, attributes of the span or its resource", () => {
    expect(ruleTaskType(span("chat gpt-5.4-nano-2026"), rules)).toBe("classify");
    expect(ruleTaskType(span("chat gpt-5.4-nano-2026", { "app.feature": "refunds" }), rules)).toBe("refund_agent");
    expect(ruleTaskType(span("chat gpt-5.4-mini", {}, { "app.feature": "refunds" }), rules)).toBe("refund_agent");
    expect(ruleTaskType(span("chat gpt-5.4-mini", {}, { "service.name": "summarizer" }), rules)).toBe("summarize");
    expect(ruleTaskType(span("chat gpt-5.4-mini", {}, { "service.name": "summarizer-v2" }), rules)).toBeUndefined(); // exact, no *
    expect(ruleTaskType(span("x", { "ai.telemetry.functionId": "triage" }), rules)).toBe("route");
    expect(ruleTaskType(span("x", { "gen_ai.agent.name": "triage" }), rules)).toBe("route");
    expect(ruleTaskType(span("chat gpt-5.4-mini"), rules)).toBeUndefined();
  });

  it("refuses a rule that could not match or names no storable task type, naming the field", () => {
    const issues = (value: unknown) => { const r = taskTypeRulesSchema.safeParse(value); return r.success ? [] : r.error.issues.map((i) => i.path.join(".")); };
    expect(issues([{ field: "attribute", value: "x", taskType: "t" }])).toEqual(["0.key"]);
    expect(issues([{ field: "span_name", value: "", taskType: "t" }])).toEqual(["0.value"]);
    expect(issues([{ field: "span_name", value: "x", taskType: "has space" }])).toEqual(["0.taskType"]);
    expect(issues([{ field: "host", value: "x", taskType: "t" }])).toEqual(["0.field"]);
    expect(issues(Array.from({ length: 51 }, () => ({ field: "span_name", value: "x", taskType: "t" })))).toEqual([""]);
  });
});
