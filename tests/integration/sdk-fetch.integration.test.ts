// The fetch shim (sy.fetch, sy.wrapFetch) against the fake OpenAI server: raw fetch calls and the real
// openai client given `fetch: sy.fetch`, plain and streamed, both APIs; routing, escalation, what the app
// receives, and calls the app cancels. The same events as a wrapped client's, from the same code.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { calls, msgs, NANO_FOR_EXTRACT, ready, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();
const { setup, client } = h;

const SCHEMA = { type: "json_schema", json_schema: { name: "answer", strict: true, schema: { type: "object", properties: { answer: { type: "string" }, confidence: { type: "number" } }, required: ["answer", "confidence"], additionalProperties: false } } };

const post = (f: typeof fetch, path: string, body: object, init: RequestInit = {}) =>
  f(`${h.fake.url}${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-fake" }, body: JSON.stringify(body), ...init });

describe("sy.fetch", () => {
  it("routes auto, logs the call with its context and hands back the provider's answer naming the call", async () => {
    const { seq, ingest } = await setup(NANO_FOR_EXTRACT);
    const { sy } = client(ingest.secret);
    await ready(sy);
    const before = h.fake.requests.length;
    const res = await sy.run({ taskType: "extract", traceId: "t-1", metadata: { feature: "inbox" } }, () => post(sy.fetch, "/chat/completions", { model: "auto", messages: msgs }));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    // It reads as any Response does: a copy, bytes, or its body stream.
    const copy = await res.clone().json();
    expect(new TextDecoder().decode(await res.clone().arrayBuffer())).toBe(JSON.stringify(copy));
    const answer = await new Response(res.body).json();
    expect(answer).toEqual(copy);
    expect(answer.choices[0].message.content).toMatch(/^Fake answer/);
    expect(h.fake.requests.slice(before).map((r) => r.body.model)).toEqual(["gpt-5.4-nano"]);
    await sy.flush();
    const [call] = await calls(seq);
    expect([call.model, call.taskType, call.ruleId, call.traceId, call.stepIndex, call.metadata, call.propensity]).toEqual(["gpt-5.4-nano", "extract", "extract", "t-1", 0, { feature: "inbox" }, 1]);
    expect([call.inputTokens, call.outputTokens]).toEqual([answer.usage.prompt_tokens, answer.usage.completion_tokens]);
    expect(res.headers.get("x-switchyard-call-id")).toBe(call.id);
    expect(Switchyard.callIdOf(res)).toBe(call.id);
  });

  it("leaves every other request alone: not logged, not changed", async () => {
    const { seq, ingest } = await setup();
    const { sy } = client(ingest.secret, { policy: false });
    const seen: string[] = [];
    const f = sy.wrapFetch(async (input, init) => {
      seen.push(`${init?.method ?? "GET"} ${String(input).replace(h.fake.url, "")} ${typeof init?.body === "string" ? init.body : ""}`);
      return new Response("{}", { status: 200 });
    });
    await f(`${h.fake.url}/models`);
    await f(`${h.fake.url}/embeddings`, { method: "POST", body: '{"model":"auto"}' });
    await f(`${h.fake.url}/chat/completions`, { method: "POST", body: "not json" });
    expect(seen).toEqual(["GET /models ", 'POST /embeddings {"model":"auto"}', "POST /chat/completions not json"]);
    await sy.flush();
    expect(await calls(seq)).toEqual([]);
  });

  it("escalates an error and malformed output like wrap does; when every attempt fails the app gets the provider's error", async () => {
    const { seq, ingest } = await setup(NANO_FOR_EXTRACT);
    const { sy } = client(ingest.secret);
    await ready(sy);
    h.behave = (body) => ({ kind: body.model === "gpt-5.4-nano" ? "schema_mismatch" : "ok" });
    const fixed = await sy.run({ taskType: "extract" }, () => post(sy.fetch, "/chat/completions", { model: "auto", messages: msgs, response_format: SCHEMA }));
    expect(fixed.status).toBe(200);
    expect(JSON.parse((await fixed.json()).choices[0].message.content)).toEqual({ answer: "ok", confidence: 0.9 });

    h.behave = () => ({ kind: "error" });
    const failed = await sy.run({ taskType: "extract" }, () => post(sy.fetch, "/chat/completions", { model: "auto", messages: msgs }));
    expect(failed.status).toBe(500);
    expect(await failed.text()).toMatch(/error/i);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.attempt, c.status, c.errorType])).toEqual([
      ["gpt-5.4-nano", 1, 0, "malformed_output"],
      ["gpt-5.4-mini", 2, 0, null],
      ["gpt-5.4-nano", 1, 1, "api_error"],
      ["gpt-5.4-mini", 2, 1, "api_error"],
    ]);
    expect(stored[1].parentId).toBe(stored[0].id);
    expect(fixed.headers.get("x-switchyard-call-id")).toBe(stored[1].id);
  });

  it("serves the real openai client given fetch: sy.fetch, streams included, with TTFT and usage the app did not ask for kept out", async () => {
    const { seq, ingest } = await setup(NANO_FOR_EXTRACT);
    const { sy } = client(ingest.secret);
    await ready(sy);
    const openai = new OpenAI({ apiKey: "sk-fake", baseURL: h.fake.url, maxRetries: 0, fetch: sy.fetch });
    h.behave = () => ({ ttftMs: 30 });
    await sy.run({ taskType: "extract", traceId: "agent-7" }, async () => {
      const plain = await openai.chat.completions.create({ model: "auto", messages: msgs });
      expect(plain.model).toBe("gpt-5.4-nano");
      const chunks = [];
      for await (const chunk of await openai.chat.completions.create({ model: "auto", messages: msgs, stream: true })) chunks.push(chunk);
      expect(chunks.length).toBeGreaterThan(2);
      expect(chunks.some((c) => c.usage)).toBe(false);
      const text = [];
      for await (const event of await openai.responses.create({ model: "auto", input: "Tell me", stream: true })) text.push(event.type);
      expect(text.at(-1)).toBe("response.completed");
    });
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.stepIndex, c.status])).toEqual([["gpt-5.4-nano", 0, 0], ["gpt-5.4-nano", 1, 0], ["gpt-5.4-nano", 2, 0]]);
    for (const c of stored.slice(1)) {
      expect(c.ttftMs).toBeGreaterThanOrEqual(25);
      expect(c.outputTokens).toBeGreaterThan(0);
    }
    // The provider was asked for usage on the chat stream, so the tokens are the API's, not an estimate.
    expect(h.fake.requests.at(-2)!.body.stream_options).toEqual({ include_usage: true });
  });

  it("passes a stream through frame for frame, [DONE] included", async () => {
    const { ingest } = await setup();
    const { sy } = client(ingest.secret, { policy: false });
    const body = { model: "gpt-5.4-mini", messages: msgs, stream: true, stream_options: { include_usage: true } };
    const direct = await (await post(fetch, "/chat/completions", body)).text();
    const shimmed = await post(sy.fetch, "/chat/completions", body);
    expect(shimmed.headers.get("content-type")).toMatch(/text\/event-stream/);
    const frames = (text: string) => text.split("\n\n").filter(Boolean).map((f) => f.replace(/"(id|created|created_at)":"?[\w-]+"?/g, ""));
    expect(frames(await shimmed.text())).toEqual(frames(direct));
    const responses = await (await post(sy.fetch, "/responses", { model: "gpt-5.4-mini", input: "Hi", stream: true })).text();
    expect(responses).toMatch(/^event: response\.created\ndata: \{/);
  });

  it("logs a request the app aborts as aborted, and a stream it stops reading with the tokens seen so far", async () => {
    const { seq, ingest } = await setup({ ...NANO_FOR_EXTRACT, defaultModel: "gpt-5.4-nano" });
    const { sy } = client(ingest.secret);
    await ready(sy);
    h.behave = () => ({ delayMs: 400 });
    const before = h.fake.requests.length;
    await expect(post(sy.fetch, "/chat/completions", { model: "auto", messages: msgs }, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(h.fake.requests.length - before).toBe(1); // not escalated

    h.behave = () => ({ text: "word ".repeat(200), chunkDelayMs: 2 });
    const res = await post(sy.fetch, "/chat/completions", { model: "gpt-5.4-mini", messages: msgs, stream: true });
    const reader = res.body!.getReader();
    for (let i = 0; i < 5; i++) await reader.read();
    await reader.cancel();
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.model, c.status, c.errorType])).toEqual([["gpt-5.4-nano", 1, "aborted"], ["gpt-5.4-mini", 1, "aborted"]]);
    expect(stored[1].outputTokens).toBeGreaterThan(0);
    expect(stored[1].outputTokens).toBeLessThan(50);
  });
});
