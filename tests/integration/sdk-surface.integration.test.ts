// The wrapped openai client's whole surface, with the real client against the fake OpenAI server: the
// context API (sy.run, wrap defaults), the client's own methods and withOptions, withResponse/asResponse,
// the helpers built on create (parse, stream, runTools, responses.parse, responses.stream), and calls the
// app cancels (contracts §10 `aborted`).
import { describe, expect, it } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { calls, msgs, NANO_FOR_EXTRACT, ready, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();
const { setup, client } = h;

const SCHEMA = { type: "json_schema" as const, json_schema: { name: "answer", strict: true, schema: { type: "object", properties: { answer: { type: "string" }, confidence: { type: "number" } }, required: ["answer", "confidence"], additionalProperties: false } } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the context API", () => {
  it("gives every call inside sy.run its task type, trace and metadata across awaits, numbering the steps", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    await sy.run({ taskType: "tool_agent", traceId: "run-1", metadata: { feature: "support" } }, async () => {
      await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
      await sleep(5);
      await sy.run({ metadata: { tier: "pro" } }, () => openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }));
      // The call's own option wins over the run's, field by field.
      await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
    });
    await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }); // outside: nothing
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.taskType, c.traceId, c.stepIndex, c.metadata])).toEqual([
      ["tool_agent", "run-1", 0, { feature: "support" }],
      ["tool_agent", "run-1", 1, { feature: "support", tier: "pro" }],
      ["classify", "run-1", 2, { feature: "support" }],
      ["default", null, null, null],
    ]);
  });

  it("keeps concurrent runs apart, and applies a wrapped client's defaults beneath them", async () => {
    const { seq, ingest } = await setup();
    const { sy } = client(ingest.secret, { policy: false });
    const OpenAI = (await import("openai")).default;
    const openai = sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: h.fake.url, maxRetries: 0 }), { taskType: "summarize", metadata: { app: "reports" } });
    h.behave = () => ({ delayMs: 30 });
    await Promise.all(["a", "b"].map((run) =>
      sy.run({ traceId: `run-${run}` }, async () => {
        await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
        await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
      })));
    await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs });
    await sy.flush();
    const stored = await calls(seq);
    const of = (trace: string | null) => stored.filter((c) => c.traceId === trace).map((c) => [c.taskType, c.stepIndex, c.metadata]);
    expect(of("run-a")).toEqual([["summarize", 0, { app: "reports" }], ["summarize", 1, { app: "reports" }]]);
    expect(of("run-b")).toEqual([["summarize", 0, { app: "reports" }], ["summarize", 1, { app: "reports" }]]);
    expect(of(null)).toEqual([["summarize", null, { app: "reports" }]]);
  });
});

describe("the client's own surface", () => {
  it("runs the client's methods on the real client, and withOptions returns a wrapped client", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    expect(openai.buildURL("/chat/completions", null)).toBe(`${h.fake.url}/chat/completions`);
    const raw = await openai.post("/chat/completions", { body: { model: "gpt-5.4-mini", messages: msgs } });
    expect(raw).toHaveProperty("choices");
    const copy = openai.withOptions({ timeout: 5000 });
    const res = await copy.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }, { switchyard: { taskType: "classify" } } as never);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.id, c.taskType])).toEqual([[Switchyard.callIdOf(res), "classify"]]); // post() is not an instrumented call
  });

  it("answers withResponse and asResponse on an instrumented call, and logs it", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    const { data, response, request_id } = await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }).withResponse();
    expect(data.choices[0].message.content).toMatch(/^Fake answer/);
    expect(response.status).toBe(200);
    expect(request_id).toMatch(/^req_fake_/);
    const asResponse = await openai.responses.create({ model: "gpt-5.4-mini", input: "hello" }).asResponse();
    expect(((await asResponse.json()) as { output: unknown[] }).output).toHaveLength(1);
    await sy.flush();
    expect((await calls(seq)).map((c) => c.id).sort()).toContain(Switchyard.callIdOf(data));
    expect(await calls(seq)).toHaveLength(2);
  });
});

describe("openai's helpers", () => {
  it("logs and routes parse, stream and runTools on chat completions", async () => {
    const { seq, ingest } = await setup(NANO_FOR_EXTRACT);
    const { sy, openai } = client(ingest.secret);
    await ready(sy);
    const before = h.fake.requests.length;
    await sy.run({ taskType: "extract" }, async () => {
      const parsed = await openai.chat.completions.parse({ model: "auto", messages: msgs, response_format: SCHEMA });
      expect(parsed.choices[0].message.parsed).toEqual({ answer: "ok", confidence: 0.9 });
      expect(parsed.model).toBe("gpt-5.4-nano");

      const stream = openai.chat.completions.stream({ model: "auto", messages: msgs });
      const final = await stream.finalChatCompletion();
      expect(final.choices[0].message.content).toMatch(/^Fake answer/);

      // The tool runs, then the model answers in text.
      h.behave = (body) => ({ toolCalls: !(body.messages as { role: string }[]).some((m) => m.role === "tool") });
      const runner = openai.chat.completions.runTools({
        model: "auto", messages: msgs,
        tools: [{ type: "function", function: { name: "lookup", description: "Looks an order up", parameters: { type: "object", properties: { order_id: { type: "string" } } }, function: (args: { order_id: string }) => `order ${args.order_id} shipped`, parse: JSON.parse } }],
      });
      expect(await runner.finalContent()).toMatch(/^Fake answer/);
    });
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.taskType, c.ruleId, c.toolCount])).toEqual([
      ["gpt-5.4-nano", "extract", "extract", 0],
      ["gpt-5.4-nano", "extract", "extract", 0],
      ["gpt-5.4-nano", "extract", "extract", 1],
      ["gpt-5.4-nano", "extract", "extract", 1],
    ]);
    expect(stored[1].ttftMs).not.toBeNull();
    expect(stored.every((c) => c.outputTokens > 0)).toBe(true);
    expect(h.fake.requests.slice(before).map((r) => r.body.model)).toEqual(Array(4).fill("gpt-5.4-nano"));
  });

  it("logs and routes responses.parse and responses.stream", async () => {
    const { seq, ingest } = await setup(NANO_FOR_EXTRACT);
    const { sy, openai } = client(ingest.secret);
    await ready(sy);
    const before = h.fake.requests.length;
    const format = { type: "json_schema" as const, name: "answer", strict: true, schema: SCHEMA.json_schema.schema };
    const parsed = await openai.responses.parse({ model: "auto", input: "Extract it", text: { format } }, { switchyard: { taskType: "extract" } } as never);
    expect(parsed.output_parsed).toEqual({ answer: "ok", confidence: 0.9 });
    const stream = openai.responses.stream({ model: "auto", input: "Tell me" }, { switchyard: { taskType: "extract" } } as never);
    const final = await stream.finalResponse();
    expect(final.output_text).toMatch(/^Fake answer/);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.ruleId, c.outputTokens > 0])).toEqual([["gpt-5.4-nano", "extract", true], ["gpt-5.4-nano", "extract", true]]);
    expect(h.fake.requests.slice(before).map((r) => r.body.model)).toEqual(["gpt-5.4-nano", "gpt-5.4-nano"]);
  });
});

describe("calls the app cancels", () => {
  it("logs an aborted request as aborted and never escalates it: the app waits only for its own timeout", async () => {
    const { seq, ingest } = await setup({ ...NANO_FOR_EXTRACT, defaultModel: "gpt-5.4-nano" });
    const { sy, openai } = client(ingest.secret);
    await ready(sy);
    h.behave = () => ({ delayMs: 400 });
    const before = h.fake.requests.length;
    const started = performance.now();
    const call = openai.chat.completions.create({ model: "auto", messages: msgs }, { signal: AbortSignal.timeout(100) });
    await expect(call).rejects.toThrow();
    expect(performance.now() - started).toBeLessThan(350);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.status, c.errorType, c.attempt])).toEqual([["gpt-5.4-nano", 1, "aborted", 1]]);
    expect(h.fake.requests.length - before).toBe(1);
  });

  it("logs a stream the app stops reading as aborted with the tokens seen so far; one read to its end is ok", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    h.behave = () => ({ text: "word ".repeat(200) });
    const stopped = await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, stream: true });
    let chunks = 0;
    for await (const _ of stopped) if (++chunks === 5) break;
    const whole = await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, stream: true });
    for await (const _ of whole);
    await sy.flush();
    const [a, b] = await calls(seq);
    expect([a.id, a.status, a.errorType]).toEqual([Switchyard.callIdOf(stopped), 1, "aborted"]);
    // Four content chunks of 12 characters arrived: about 12 tokens, far below the 250 of the whole answer.
    expect(a.outputTokens).toBeGreaterThan(5);
    expect(a.outputTokens).toBeLessThan(30);
    expect(a.inputTokens).toBeGreaterThan(0);
    expect([b.status, b.errorType, b.outputTokens]).toEqual([0, null, 250]);
  });

  it("logs a stream aborted by its signal as aborted, not as an API error", async () => {
    const { seq, ingest } = await setup();
    const { sy, openai } = client(ingest.secret, { policy: false });
    h.behave = () => ({ text: "word ".repeat(200), chunkDelayMs: 5 });
    const controller = new AbortController();
    const stream = await openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs, stream: true }, { signal: controller.signal });
    let chunks = 0;
    for await (const _ of stream) {
      chunks++;
      controller.abort(); // openai's Stream then ends quietly
    }
    expect(chunks).toBeLessThan(10); // of 86: what was already buffered when it aborted
    await sy.flush();
    expect((await calls(seq)).map((c) => [c.status, c.errorType])).toEqual([[1, "aborted"]]);
  });
});
