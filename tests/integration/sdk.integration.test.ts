// The SDK with the real openai client against the fake OpenAI server, talking to Switchyard's own API
// handlers (tests/support/api-server.ts) on the test database.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { db } from "@/lib/db";
import type { Behaviour } from "@/packages/fake-openai/src/server";
import { startApiServer } from "@/tests/support/api-server";
import { calls, msgs, until, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();
const { setup, publish, client } = h;

const ROUTER = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "multi-tool", when: { toolCount: { gte: 3 } }, model: "gpt-5.4-mini" },
    { id: "simple", when: { taskType: ["classify", "extract"] }, model: "gpt-5.4-nano" },
  ],
  escalation: { model: "gpt-5.4-mini", on: ["error", "malformed_output"], maxAttempts: 2 },
};

describe("routing and logging", () => {
  it("routes model auto by the published policy, respects explicit models, and logs every call", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    const res = await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "classify", metadata: { feature: "support" } } } as never);
    expect(res.model).toBe("gpt-5.4-nano");
    expect(h.fake.requests.at(-1)!.body).not.toHaveProperty("switchyard");
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
    expect(h.fake.requests.at(-1)!.body.model).toBe("gpt-4o-mini");
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.ruleId, c.policyVersion, c.taskType])).toEqual([
      ["gpt-5.4-nano", "simple", 1, "classify"],
      ["gpt-4o-mini", null, null, "classify"],
    ]);
    expect(stored[0].id).toBe(Switchyard.callIdOf(res));
    expect(stored[0].inputTokens).toBeGreaterThan(0);
    expect(stored[0].metadata).toEqual({ feature: "support" });
  });

  it("passes a stream through chunk for chunk, hides the usage chunk it asked for, and records TTFT", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    h.behave = () => ({ ttftMs: 60 });
    const bare = new OpenAI({ apiKey: "sk-fake", baseURL: h.fake.url, maxRetries: 0 });
    const strip = (c: Record<string, unknown>) => ({ ...c, id: "x", created: 0 });
    const expected = [];
    for await (const chunk of await bare.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, stream: true })) expected.push(strip(chunk as never));
    const got = [];
    const stream = await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, stream: true }, { switchyard: { taskType: "chat" } } as never);
    for await (const chunk of stream) got.push(strip(chunk as never));
    expect(got).toEqual(expected);
    expect(h.fake.requests.at(-1)!.body.stream_options).toEqual({ include_usage: true });
    await sy.flush();
    const [call] = await calls(seq);
    expect(call.ttftMs).toBeGreaterThanOrEqual(50);
    expect(call.latencyMs).toBeGreaterThanOrEqual(call.ttftMs!);
    expect(call.outputTokens).toBeGreaterThan(0);
    expect(call.id).toBe(Switchyard.callIdOf(stream));
  });

  it("uses the constructor's default model before any policy, and sends outcome labels", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false, defaultModel: "gpt-4o-mini" });
    const res = await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "classify", traceId: "run-9" } } as never);
    expect(res.model).toBe("gpt-4o-mini");
    sy.outcome({ callId: Switchyard.callIdOf(res)!, outcome: "failure", reason: "wrong label" });
    sy.outcome({ traceId: "run-9", outcome: "success" });
    await sy.flush();
    const [call] = await calls(seq);
    expect([call.outcome, call.outcomeReason, call.traceOutcome]).toEqual([0, "wrong label", 1]);
  });

  it("instruments responses.create", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    const res = await openai.responses.create({ model: "auto", input: "Classify: where is my order?" }, { switchyard: { taskType: "classify" } } as never);
    expect(res.output_text).toMatch(/Fake answer/);
    await sy.flush();
    const [call] = await calls(seq);
    expect([call.model, call.ruleId, call.inputTokens > 0, call.outputTokens > 0]).toEqual(["gpt-5.4-nano", "simple", true, true]);
  });

  it("instruments streamed responses.create, passing every event through", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    h.behave = () => ({ ttftMs: 40 });
    const stream = await openai.responses.create({ model: "gpt-5.4-mini", input: "Summarise: the parcel is late", stream: true }, { switchyard: { taskType: "summarize" } } as never);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    await sy.flush();
    const [call] = await calls(seq);
    expect(call.ttftMs).toBeGreaterThanOrEqual(30);
    expect([call.inputTokens > 0, call.outputTokens > 0, call.status]).toEqual([true, true, 0]);
  });
});

describe("propensities", () => {
  it("logs with each routed first attempt the probability the policy picks its model; explicit models carry none", async () => {
    const policy = {
      defaultModel: "gpt-5.4-mini",
      rules: [{ id: "canary", when: { taskType: ["extract"] }, split: [{ model: "gpt-5.4-nano", weight: 1 }, { model: "gpt-5.4-mini", weight: 3 }] }],
      explore: { rate: 0.1, models: ["gpt-4.1-mini"] },
    };
    const { seq, ingest } = await setup(policy);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    for (let i = 0; i < 60; i++) await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: i % 2 ? "extract" : "classify" } } as never);
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: msgs }, { switchyard: { taskType: "extract" } } as never);
    await sy.flush();
    const stored = await calls(seq);
    const expected: Record<string, Record<string, number>> = {
      extract: { "gpt-5.4-nano": 0.9 * 0.25, "gpt-5.4-mini": 0.9 * 0.75, "gpt-4.1-mini": 0.1 },
      classify: { "gpt-5.4-mini": 0.9, "gpt-4.1-mini": 0.1 },
    };
    for (const c of stored.filter((c) => c.model !== "gpt-4o-mini")) expect(c.propensity).toBeCloseTo(expected[c.taskType][c.model], 6);
    expect(stored.find((c) => c.model === "gpt-4o-mini")!.propensity).toBeNull();
  });
});

describe("escalation", () => {
  const cases: [string, Behaviour["kind"], Record<string, unknown>, string | null][] = [
    ["an API error", "error", {}, "api_error"],
    ["malformed JSON", "malformed", { response_format: { type: "json_object" } }, "malformed_output"],
    ["a response that breaks the JSON schema", "schema_mismatch", {
      response_format: { type: "json_schema", json_schema: { name: "a", schema: { type: "object", required: ["answer"], properties: { answer: { type: "string" } } } } },
    }, "malformed_output"],
    ["tool arguments that are not valid JSON", "bad_tool_args", {
      tools: [{ type: "function", function: { name: "lookup_order", parameters: { type: "object", required: ["order_id"], properties: { order_id: { type: "string" } } } } }],
    }, "malformed_output"],
  ];

  it.each(cases)("repeats on the escalation model after %s", async (_name, kind, extra, errorType) => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    h.behave = (body) => (body.model === "gpt-5.4-nano" ? { kind } : {});
    const res = await openai.chat.completions.create({ model: "auto", messages: msgs, ...extra } as never, { switchyard: { taskType: "extract", traceId: "t-1" } } as never);
    expect((res as { model: string }).model).toBe("gpt-5.4-mini");
    await sy.flush();
    const [first, second] = await calls(seq);
    expect([first.model, first.attempt, first.errorType, first.status]).toEqual(["gpt-5.4-nano", 1, errorType, kind === "error" ? 1 : 0]);
    expect([second.model, second.attempt, second.parentId, second.escalatedFrom, second.traceId]).toEqual(["gpt-5.4-mini", 2, first.id, "gpt-5.4-nano", "t-1"]);
  });

  it("uses validate as the outcome and escalates on its reason", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    const validate = (r: unknown) => ((r as { model: string }).model === "gpt-5.4-mini" ? true : "missing the invoice total");
    await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "extract", validate } } as never);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.outcome, c.errorType])).toEqual([["gpt-5.4-nano", 0, "malformed_output"], ["gpt-5.4-mini", 1, null]]);
  });

  it("throws the app's error when escalation does not apply", async () => {
    const { ingest } = await setup();
    const { openai } = client(ingest.secret, { policy: false });
    h.behave = () => ({ kind: "error" });
    await expect(openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs })).rejects.toBeInstanceOf(OpenAI.InternalServerError);
  });
});

describe("shadow sampling", () => {
  it("mirrors about the sampled share in the background and logs it with shadowOf", async () => {
    const { seq, ingest } = await setup({ defaultModel: "gpt-5.4-mini", shadow: [{ when: { taskType: ["summarize"] }, model: "gpt-5.4-nano", sampleRate: 0.5 }] });
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    for (let i = 0; i < 200; i++) {
      const res = await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "summarize" } } as never);
      expect(res.model).toBe("gpt-5.4-mini");
    }
    await new Promise((r) => setTimeout(r, 200));
    await sy.flush();
    const stored = await calls(seq);
    const shadows = stored.filter((c) => c.shadowOf);
    expect(shadows.length).toBeGreaterThan(70);
    expect(shadows.length).toBeLessThan(130);
    const production = new Set(stored.filter((c) => !c.shadowOf).map((c) => c.id));
    expect(shadows.every((s) => s.model === "gpt-5.4-nano" && production.has(s.shadowOf!))).toBe(true);
  });
});

describe("delivery", () => {
  it("never throws when the server is down, and delivers once it is back", async () => {
    const { seq, ingest } = await setup();
    const port = (await startApiServer().then(async (s) => (await s.close(), s.port)));
    const { sy, openai } = client(ingest.secret, { policy: false }, `http://127.0.0.1:${port}`);
    for (let i = 0; i < 5; i++) await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
    await sy.flush(); // resolves although nothing could be sent
    expect(sy.stats()).toMatchObject({ queued: 5, delivered: 0 });
    const back = await startApiServer(port);
    try {
      await sy.flush();
      expect(await db().call.count({ where: { teamSeq: seq } })).toBe(5);
    } finally {
      await back.close();
    }
  });

  it("backs off on 429 and honours Retry-After", async () => {
    process.env.SWITCHYARD_INGEST_RATE_LIMIT = "60"; // 1 request/s, bursts of 10
    const { resetEnvForTests } = await import("@/lib/env");
    resetEnvForTests();
    try {
      const { seq, ingest } = await setup();
      const statuses: number[] = [];
      const recording: typeof fetch = async (...args) => {
        const res = await fetch(...args);
        statuses.push(res.status);
        return res;
      };
      const { sy, openai } = client(ingest.secret, { policy: false, batchSize: 1, fetch: recording });
      for (let i = 0; i < 12; i++) await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
      await until(async () => (await db().call.count({ where: { teamSeq: seq } })) === 12, 10_000);
      expect(statuses).toContain(429);
      expect(sy.stats().dropped).toBe(0);
    } finally {
      delete process.env.SWITCHYARD_INGEST_RATE_LIMIT;
      resetEnvForTests();
    }
  });

  it("drops the oldest events when the buffer is full, and counts them", async () => {
    const warnings: string[] = [];
    const { openai, sy } = client("sy_unused_key", { policy: false, maxBuffer: 5, onWarning: (w) => warnings.push(w) }, "http://127.0.0.1:9");
    for (let i = 0; i < 8; i++) await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
    expect(sy.stats()).toMatchObject({ queued: 5, dropped: 3 });
    expect(warnings).toHaveLength(1);
  });
});

describe("policy delivery", () => {
  it("pushes a publish to a connected client within a second, and rollback publishes a new version", async () => {
    const { ingest, admin } = await setup({ defaultModel: "gpt-5.4-mini" });
    const { sy } = client(ingest.secret, { pollIntervalMs: 60_000 });
    await until(() => sy.policyVersion === 1);
    const t0 = Date.now();
    expect((await publish(admin.secret, { defaultModel: "gpt-5.4-nano" })).body).toEqual({ version: 2 });
    await until(() => sy.policyVersion === 2, 1000);
    expect(Date.now() - t0).toBeLessThan(1000);

    const res = await fetch(`${h.api.url}/api/v1/policy/rollback`, { method: "POST", headers: { authorization: `Bearer ${admin.secret}` }, body: JSON.stringify({ version: 1 }) });
    expect(await res.json()).toEqual({ version: 3 });
    await until(() => sy.policyVersion === 3, 1000);
    const current = await (await fetch(`${h.api.url}/api/v1/policy`, { headers: { authorization: `Bearer ${ingest.secret}` } })).json();
    expect(current).toMatchObject({ version: 3, policy: { defaultModel: "gpt-5.4-mini" } });
    expect((await db().auditEntry.findMany({ where: { action: { startsWith: "policy." } }, orderBy: { createdAt: "asc" } })).slice(-3).map((a) => a.action)).toEqual([
      "policy.publish", "policy.publish", "policy.rollback",
    ]);
  });

  it("refuses an invalid policy with the path of each problem, and non-admin keys", async () => {
    const { ingest, admin } = await setup();
    const bad = await publish(admin.secret, { defaultModel: "", rules: [{ id: "a", model: "m", split: [{ model: "n", weight: 1 }] }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid_policy");
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["policy.defaultModel", "policy.rules.0.model"]);
    expect((await publish(ingest.secret, { defaultModel: "m" })).status).toBe(403);
    const rollback = await fetch(`${h.api.url}/api/v1/policy/rollback`, { method: "POST", headers: { authorization: `Bearer ${admin.secret}` }, body: JSON.stringify({ version: 9 }) });
    expect(rollback.status).toBe(404);
  });

  it("keeps routing by the last known policy while the server is down", async () => {
    const { ingest } = await setup(ROUTER);
    const { sy, openai } = client(ingest.secret);
    await until(() => sy.policyVersion === 1);
    const port = h.api.port;
    await h.api.close();
    try {
      const res = await openai.chat.completions.create({ model: "auto", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
      expect(res.model).toBe("gpt-5.4-nano");
      expect(sy.policyVersion).toBe(1);
    } finally {
      h.api = await startApiServer(port);
    }
  });
});
