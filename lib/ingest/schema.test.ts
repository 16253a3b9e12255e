import { describe, expect, it } from "vitest";
import { callEventSchema } from "@/lib/ingest/schema";

const valid = {
  id: "e1", timestamp: "2026-11-20T10:15:00Z", taskType: "classify", model: "gpt-5.4-mini",
  inputTokens: 800, outputTokens: 200, latencyMs: 900, status: "ok",
};

const paths = (event: Record<string, unknown>) => {
  const r = callEventSchema.safeParse(event);
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("CallEvent validation", () => {
  it("accepts the minimal event, epoch milliseconds and JSON content", () => {
    expect(paths(valid)).toEqual([]);
    const parsed = callEventSchema.parse({ ...valid, timestamp: 1763633700000, output: { a: 1 } });
    expect(parsed.timestamp.toISOString()).toBe("2025-11-20T10:15:00.000Z");
    expect(parsed.output).toBe('{"a":1}');
  });

  it.each([
    [{ id: "" }, "id"], [{ id: "x".repeat(129) }, "id"], [{ timestamp: "yesterday" }, "timestamp"], [{ timestamp: -1 }, "timestamp"],
    [{ taskType: "has space" }, "taskType"], [{ taskType: "" }, "taskType"], [{ model: "" }, "model"],
    [{ inputTokens: -1 }, "inputTokens"], [{ inputTokens: 1.5 }, "inputTokens"], [{ outputTokens: "200" }, "outputTokens"],
    [{ cachedInputTokens: 900 }, "cachedInputTokens"], [{ reasoningTokens: -3 }, "reasoningTokens"],
    [{ latencyMs: -1 }, "latencyMs"], [{ ttftMs: 901 }, "ttftMs"], [{ status: "fine" }, "status"],
    [{ errorType: "x".repeat(65) }, "errorType"], [{ outcome: "ok" }, "outcome"], [{ traceId: "" }, "traceId"],
    [{ stepIndex: -1 }, "stepIndex"], [{ contextTokens: -1 }, "contextTokens"], [{ toolCount: 1.2 }, "toolCount"],
    [{ toolCallCount: -1 }, "toolCallCount"], [{ attempt: 0 }, "attempt"], [{ parentId: "x".repeat(129) }, "parentId"],
    [{ shadowOf: "" }, "shadowOf"], [{ policyVersion: -1 }, "policyVersion"], [{ costUsd: -0.1 }, "costUsd"],
    [{ metadata: { tier: 3 } }, "metadata.tier"], [{ metadata: Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, "v"])) }, "metadata"],
    [{ input: 42 }, "input"],
  ])("rejects %j at %s", (override, path) => {
    expect(paths({ ...valid, ...override })).toContain(path);
  });

  it("names every missing required field", () => {
    expect(paths({}).sort()).toEqual(["id", "inputTokens", "latencyMs", "model", "outputTokens", "status", "taskType", "timestamp"]);
  });
});

describe("text the database cannot store", () => {
  const NUL = "a\u0000b";
  const LONE = "a\udc00";
  it.each(["id", "model", "provider", "errorType", "traceId", "parentId", "shadowOf", "escalatedFrom", "ruleId"])("refuses NUL, a lone surrogate and a leading BOM in %s", (field) => {
    for (const bad of [NUL, LONE, "a\ud800b", "\ufeffid"]) expect(paths({ ...valid, [field]: bad })).toContain(field);
  });

  it("refuses them in metadata keys, naming the key", () => {
    expect(paths({ ...valid, metadata: { [NUL]: "v" } }).join()).toMatch(/^metadata/);
  });

  it("keeps a paired surrogate (emoji) exactly", () => {
    expect(callEventSchema.parse({ ...valid, id: "run-😀" }).id).toBe("run-😀");
  });

  it("replaces them with U+FFFD in metadata values and content", () => {
    const parsed = callEventSchema.parse({ ...valid, metadata: { customer: "ACME\u0000Corp" }, input: LONE, output: { text: NUL } });
    expect(parsed.metadata).toEqual({ customer: "ACME\ufffdCorp" });
    expect(parsed.input).toBe("a\ufffd");
    expect(parsed.output).toBe('{"text":"a\\u0000b"}'); // JSON content keeps its escaped text
  });
});

describe("times", () => {
  it.each(["0000-01-01T00:00:00Z", "1999-12-31T23:59:59Z", 8_640_000_000_000_000, 0])("refuses %j", (timestamp) => {
    expect(paths({ ...valid, timestamp })).toContain("timestamp");
  });

  it.each([
    ["2026-11-24", /ISO-8601 date-time with a zone/],
    ["2026-11-24T10:00:00", /ISO-8601 date-time with a zone/],
    [1.5, /whole epoch milliseconds/],
    [null, /not null/],
  ])("says what a time must be when given %j, never just 'Invalid input'", (timestamp, message) => {
    const r = callEventSchema.safeParse({ ...valid, timestamp });
    expect(r.error?.issues.map((i) => i.message)).toEqual([expect.stringMatching(message)]);
  });

  it("says what content must be", () => {
    expect(callEventSchema.safeParse({ ...valid, input: 5 }).error?.issues[0].message).toBe("must be a string, or a JSON object or array");
  });

  it("refuses events more than a day in the future and accepts an hour ahead", () => {
    expect(paths({ ...valid, timestamp: Date.now() + 25 * 3_600_000 })).toContain("timestamp");
    expect(paths({ ...valid, timestamp: Date.now() + 3_600_000 })).toEqual([]);
  });
});
