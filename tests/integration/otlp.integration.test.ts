// OTLP trace ingest with the real OpenTelemetry exporters (protobuf and JSON over HTTP) on loopback into
// the real route: LLM spans become calls (GenAI names current and previous, OpenLLMetry's, OpenLIT's, the
// Vercel AI SDK's), other spans are ignored, a re-sent span is a duplicate, a bad span is a counted partial
// success, and a malformed body is a 4xx naming what is wrong.
import path from "node:path";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { type Attributes, metrics, SpanStatusCode, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as JsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { createOpenAI } from "@ai-sdk/openai";
import { OpenTelemetry as AiSdkTelemetry } from "@ai-sdk/otel";
import { OpenAIInstrumentation } from "@opentelemetry/instrumentation-openai";
import { OpenAIInstrumentation as OpenLLMetryOpenAI } from "@traceloop/instrumentation-openai";
import { generateText, registerTelemetry, streamText } from "ai";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ExportRequest, ExportResponse } from "@/lib/otlp/proto";
import { setTaskTypeRules } from "@/lib/otlp/settings";
import { makeKey, makeOwner } from "@/tests/factories";
import { startFakeOpenAI } from "@/packages/fake-openai/src/server";
import { startApiServer, type ApiServer } from "@/tests/support/api-server";

let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api.close());

async function setup() {
  const { team, user } = await makeOwner();
  const key = await makeKey(team.id, "ingest", user.id);
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { teamId: checkedTeamId(team.id), seq, secret: key.secret };
}

function provider(secret: string, kind: "proto" | "json", resource: Attributes = {}) {
  const options = { url: `${api.url}/api/v1/otlp/v1/traces`, headers: { Authorization: `Bearer ${secret}` } };
  const exporter = kind === "proto" ? new ProtoExporter(options) : new JsonExporter(options);
  return new TracerProvider({ resource: resourceFromAttributes({ "service.name": "support-bot", ...resource }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
}

/** A span that took `ms`, with the given attributes, started `offsetMs` after `start`. */
function span(tracer: ReturnType<TracerProvider["getTracer"]>, name: string, start: number, offsetMs: number, ms: number, attributes: Attributes, error = false) {
  const s = tracer.startSpan(name, { startTime: new Date(start + offsetMs), attributes });
  if (error) s.setStatus({ code: SpanStatusCode.ERROR, message: "boom" });
  s.end(new Date(start + offsetMs + ms));
  return s.spanContext();
}

const stored = (seq: number) => db().call.findMany({ where: { teamSeq: seq }, orderBy: { ts: "asc" } });

describe("OTLP trace ingest", () => {
  for (const kind of ["proto", "json"] as const) {
    it(`stores the LLM spans of an agent run sent by the ${kind} exporter, in start order, and ignores the rest`, async () => {
      const { seq, secret } = await setup();
      const p = provider(secret, kind, { "switchyard.task_type": "support" });
      const tracer = p.getTracer("test");
      const start = Date.now() - 60_000;
      const root = tracer.startSpan("invoke_agent support", { startTime: new Date(start), attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support" } });
      const ctx = trace.setSpan((await import("@opentelemetry/api")).context.active(), root);
      const child = (name: string, offset: number, ms: number, attributes: Attributes, error = false) => {
        const s = tracer.startSpan(name, { startTime: new Date(start + offset), attributes }, ctx);
        if (error) s.setStatus({ code: SpanStatusCode.ERROR });
        s.end(new Date(start + offset + ms));
        return s.spanContext().spanId;
      };
      // Current GenAI names, with TTFT and a task type of its own.
      const first = child("chat gpt-5.4-nano", 10, 800, {
        "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-5.4-nano", "gen_ai.response.model": "gpt-5.4-nano-2026-03-01",
        "gen_ai.usage.input_tokens": 1200, "gen_ai.usage.output_tokens": 80, "gen_ai.response.time_to_first_chunk": 0.25,
        "switchyard.task_type": "route", "switchyard.metadata.tier": "pro", "switchyard.outcome": "success",
      });
      // A tool's span: not a call.
      child("execute_tool lookup_order", 900, 30, { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup_order" });
      // Previous names (gen_ai.system, prompt/completion tokens), as OpenLLMetry sends them; it failed.
      const second = child("openai.chat", 1000, 1500, {
        "llm.request.type": "chat", "gen_ai.system": "openai", "gen_ai.request.model": "gpt-5.4-mini", "gen_ai.usage.prompt_tokens": 2400, "gen_ai.usage.completion_tokens": 150,
        "error.type": "rate_limit",
      }, true);
      // OpenLIT's cost (kept where the catalog has no price for the model) and TTFT (seconds).
      const third = child("chat ft-support-v2", 2600, 900, {
        "gen_ai.operation.name": "chat", "gen_ai.system": "openai", "gen_ai.request.model": "ft-support-v2", "gen_ai.usage.input_tokens": 500, "gen_ai.usage.output_tokens": 60,
        "gen_ai.usage.cost": 0.00042, "gen_ai.server.time_to_first_token": 0.31,
      });
      root.end(new Date(start + 4000));
      // A plain HTTP span: ignored.
      span(tracer, "GET /health", start, 5000, 3, { "http.request.method": "GET" });
      await p.forceFlush();
      await p.shutdown();

      const calls = await stored(seq);
      const traceId = root.spanContext().traceId;
      expect(calls.map((c) => [c.id, c.taskType, c.model, c.inputTokens, c.outputTokens, c.status, c.traceId])).toEqual([
        [`otel:${traceId}:${first}`, "route", "gpt-5.4-nano-2026-03-01", 1200, 80, 0, traceId],
        [`otel:${traceId}:${second}`, "support", "gpt-5.4-mini", 2400, 150, 1, traceId],
        [`otel:${traceId}:${third}`, "support", "ft-support-v2", 500, 60, 0, traceId],
      ]);
      expect(calls[0]).toMatchObject({ latencyMs: 800, ttftMs: 250, provider: "openai", outcome: 1, metadata: { tier: "pro" } });
      expect(calls[0].ts.getTime()).toBe(start + 10);
      expect(calls[1]).toMatchObject({ errorType: "rate_limit", latencyMs: 1500 });
      expect(calls[2]).toMatchObject({ ttftMs: 310, costNanos: null, clientCostNanos: 420_000n });
    });
  }

  it("stores the calls @opentelemetry/instrumentation-openai records on the real openai client, streamed ones included", async () => {
    const { seq, secret } = await setup();
    const fake = await startFakeOpenAI({ behave: () => ({ ttftMs: 40, usage: { input: 321, output: 12 } }) });
    const p = provider(secret, "proto", { "switchyard.task_type": "triage" });
    const instrumentation = new OpenAIInstrumentation();
    instrumentation.setTracerProvider(p);
    instrumentation.setMeterProvider(metrics.getMeterProvider()); // its duration histograms (no-op here)
    instrumentation.enable();
    try {
      // Required (CommonJS) after enabling, so the instrumentation's require hook patches the module as an app's would
      // be; openai 6, the newest it instruments (packages/openai6 holds it under the name openai).
      const { OpenAI } = createRequire(path.resolve(import.meta.dirname, "../../packages/openai6/package.json"))("openai") as typeof import("openai");
      const client = new OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 });
      await client.chat.completions.create({ model: "gpt-5.4-nano", messages: [{ role: "user", content: "Is this a refund request?" }] });
      const stream = await client.chat.completions.create({ model: "gpt-5.4-mini", messages: [{ role: "user", content: "Summarise" }], stream: true, stream_options: { include_usage: true } });
      for await (const _chunk of stream) { /* read it all */ }
      await p.forceFlush();
    } finally {
      instrumentation.disable();
      await p.shutdown();
      await fake.close();
    }
    const calls = await stored(seq);
    expect(calls.map((c) => [c.taskType, c.model, c.inputTokens, c.outputTokens, c.status, c.provider])).toEqual([
      ["triage", "gpt-5.4-nano", 321, 12, 0, "openai"],
      ["triage", "gpt-5.4-mini", 321, 12, 0, "openai"],
    ]);
    expect(calls.every((c) => c.id.startsWith("otel:") && c.latencyMs > 0)).toBe(true);
  });

  it("stores the calls OpenLLMetry's openai instrumentation records on the real client", async () => {
    const { seq, secret } = await setup();
    const fake = await startFakeOpenAI({ behave: () => ({ usage: { input: 150, output: 9 } }) });
    const p = provider(secret, "json", { "switchyard.task_type": "extract" });
    const instrumentation = new OpenLLMetryOpenAI();
    instrumentation.setTracerProvider(p);
    instrumentation.setMeterProvider(metrics.getMeterProvider());
    try {
      const openaiModule = createRequire(import.meta.url)("openai") as typeof import("openai");
      instrumentation.manuallyInstrument(openaiModule.OpenAI); // the client class, whose Chat.Completions it patches
      const client = new openaiModule.OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 });
      await client.chat.completions.create({ model: "gpt-5.4-nano", messages: [{ role: "user", content: "Extract the order id" }] });
      await p.forceFlush();
    } finally {
      instrumentation.disable();
      await p.shutdown();
      await fake.close();
    }
    const calls = await stored(seq);
    expect(calls.map((c) => [c.taskType, c.model, c.inputTokens, c.outputTokens, c.status])).toEqual([["extract", "gpt-5.4-nano", 150, 9, 0]]);
  });

  it("stores the Vercel AI SDK's model calls (ai 7 with @ai-sdk/otel), not its agent and step spans, with the task type its spans carry", async () => {
    const { seq, secret } = await setup();
    const fake = await startFakeOpenAI({ behave: () => ({ ttftMs: 30, usage: { input: 220, output: 14 } }) });
    const p = provider(secret, "proto");
    // The app names the task type on the AI SDK's spans (docs/otlp.md: the recipe).
    registerTelemetry(new AiSdkTelemetry({ tracer: p.getTracer("ai"), enrichSpan: () => ({ "switchyard.task_type": "triage" }) }));
    try {
      const openai = createOpenAI({ apiKey: "sk-fake", baseURL: fake.url });
      await generateText({ model: openai.chat("gpt-5.4-mini"), prompt: "Is this a refund request?", telemetry: { functionId: "triage" } });
      const streamed = streamText({ model: openai.chat("gpt-5.4-nano"), prompt: "Summarise the ticket" });
      await streamed.consumeStream();
      await p.forceFlush();
    } finally {
      await p.shutdown();
      await fake.close();
    }
    const calls = await stored(seq);
    expect(calls.map((c) => [c.taskType, c.model, c.inputTokens, c.outputTokens])).toEqual([
      ["triage", "gpt-5.4-mini", 220, 14],
      ["triage", "gpt-5.4-nano", 220, 14],
    ]);
    expect(calls[1].ttftMs).not.toBeNull();
  });

  it("takes the Vercel AI SDK's provider spans (doGenerate, doStream), not the calls wrapping them", async () => {
    const { seq, secret } = await setup();
    const p = provider(secret, "proto");
    const tracer = p.getTracer("ai");
    const start = Date.now() - 30_000;
    span(tracer, "ai.generateText", start, 0, 1200, { "ai.operationId": "ai.generateText", "ai.model.id": "gpt-5.4-mini", "ai.usage.promptTokens": 300, "ai.usage.completionTokens": 40 });
    const inner = span(tracer, "ai.generateText.doGenerate", start, 5, 1100, {
      "ai.operationId": "ai.generateText.doGenerate", "ai.model.id": "gpt-5.4-mini", "ai.model.provider": "openai.chat", "ai.usage.promptTokens": 300, "ai.usage.completionTokens": 40,
      "ai.telemetry.functionId": "triage", "ai.telemetry.metadata.switchyard.task_type": "classify", "ai.response.text": "refund",
    });
    const streamed = span(tracer, "ai.streamText.doStream", start, 2000, 900, {
      "ai.operationId": "ai.streamText.doStream", "ai.model.id": "gpt-5.4-nano", "ai.usage.inputTokens": 200, "ai.usage.outputTokens": 90, "ai.response.msToFirstChunk": 120,
    });
    await p.forceFlush();
    await p.shutdown();
    const calls = await stored(seq);
    expect(calls.map((c) => [c.id.split(":")[2], c.taskType, c.model, c.inputTokens, c.outputTokens, c.ttftMs])).toEqual([
      [inner.spanId, "classify", "gpt-5.4-mini", 300, 40, null],
      [streamed.spanId, "unmapped", "gpt-5.4-nano", 200, 90, 120],
    ]);
  });

  it("names the task type of a span without one from the team's rules, else unmapped; the span's own wins", async () => {
    const { teamId, seq, secret } = await setup();
    const owner = (await db().membership.findFirstOrThrow({ where: { teamId } })).userId;
    await setTaskTypeRules(teamId, owner, [
      { field: "span_name", value: "chat gpt-5.4-nano*", taskType: "classify" },
      { field: "service_name", value: "support-bot", taskType: "support" },
    ]);
    const p = provider(secret, "proto");
    const tracer = p.getTracer("test");
    const start = Date.now() - 10_000;
    const call = (model: string, extra: Attributes = {}) => span(tracer, `chat ${model}`, start, 0, 100, { "gen_ai.operation.name": "chat", "gen_ai.request.model": model, ...extra });
    const nano = call("gpt-5.4-nano");
    const mini = call("gpt-5.4-mini");
    const own = call("gpt-5.4-nano", { "switchyard.task_type": "extract" });
    await p.forceFlush();
    await p.shutdown();
    const other = provider(secret, "json", { "service.name": "batch-jobs" });
    const unmapped = span(other.getTracer("t"), "chat gpt-5.4-mini", start, 0, 100, { "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-5.4-mini" });
    await other.forceFlush();
    await other.shutdown();
    const byId = Object.fromEntries((await stored(seq)).map((c) => [c.id.split(":")[2], c.taskType]));
    expect(byId).toEqual({ [nano.spanId]: "classify", [mini.spanId]: "support", [own.spanId]: "extract", [unmapped.spanId]: "unmapped" });
  });

  it("counts a re-sent span as a duplicate and a bad one as a partial success; refuses a malformed body", async () => {
    const { seq, secret } = await setup();
    const now = BigInt(Date.now() - 10_000) * 1_000_000n;
    const attr = (key: string, v: string | number) => ({ key, value: typeof v === "string" ? { stringValue: v } : { intValue: String(v) } });
    const spanOf = (id: string, attributes: ReturnType<typeof attr>[]) => ({
      traceId: "5b8efff798038103d269b633813fc60c", spanId: id, name: "chat", kind: 3, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 400_000_000n), attributes,
    });
    const body = {
      resourceSpans: [{ resource: { attributes: [attr("service.name", "bot")] }, scopeSpans: [{ scope: { name: "t" }, spans: [
        spanOf("eee19b7ec3c1b174", [attr("gen_ai.operation.name", "chat"), attr("gen_ai.request.model", "gpt-5.4-mini"), attr("gen_ai.usage.input_tokens", 10), attr("gen_ai.usage.output_tokens", 2)]),
        spanOf("eee19b7ec3c1b175", [attr("gen_ai.operation.name", "chat"), attr("gen_ai.usage.input_tokens", 10)]), // no model
      ] }] }],
    };
    const post = (payload: Buffer | string, type: string, extra: Record<string, string> = {}) =>
      fetch(`${api.url}/api/v1/otlp/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": type, ...extra }, body: typeof payload === "string" ? payload : new Uint8Array(payload) });

    const once = await post(JSON.stringify(body), "application/json");
    expect(once.status).toBe(200);
    expect(await once.json()).toEqual({ partialSuccess: { rejectedSpans: 1, errorMessage: expect.stringMatching(/eee19b7ec3c1b175.*model/) } });
    // The same export again, as protobuf and gzip: the stored span is a duplicate, the bad one rejected again.
    const proto = Buffer.from(ExportRequest.encode(ExportRequest.fromObject({
      resourceSpans: body.resourceSpans.map((rs) => ({ ...rs, scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.map((s) => ({ ...s, traceId: Buffer.from(s.traceId, "hex"), spanId: Buffer.from(s.spanId, "hex") })) })) })),
    })).finish());
    const again = await post(gzipSync(proto), "application/x-protobuf", { "content-encoding": "gzip" });
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toBe("application/x-protobuf");
    const answer = ExportResponse.toObject(ExportResponse.decode(Buffer.from(await again.arrayBuffer())), { longs: Number });
    expect(answer.partialSuccess.rejectedSpans).toBe(1);
    expect((await stored(seq)).map((c) => c.id)).toEqual(["otel:5b8efff798038103d269b633813fc60c:eee19b7ec3c1b174"]);

    for (const [payload, type, field] of [
      ["{not json", "application/json", null],
      [JSON.stringify({ resourceSpans: {} }), "application/json", "resourceSpans"],
      [Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), "application/x-protobuf", "body"],
      ["{}", "text/plain", "content-type"],
    ] as const) {
      const res = await post(payload as string, type);
      expect(res.status).toBe(400);
      const json = await res.json();
      if (field) expect(json.error.issues ?? [{ path: json.error.message }]).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    expect((await post("{}", "application/json", { authorization: "Bearer nope" })).status).toBe(401);
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(1);
  });
  it("refuses LLM spans whose ids OTLP calls invalid, and reads a negative integer the same from JSON and protobuf", async () => {
    const { seq, secret } = await setup();
    const now = BigInt(Date.now() - 10_000) * 1_000_000n;
    const spanOf = (traceId: string, spanId: string) => ({
      traceId, spanId, name: "chat", kind: 3, startTimeUnixNano: String(now), endTimeUnixNano: String(now + 1_000_000n), attributes: [
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } }, { key: "gen_ai.request.model", value: { stringValue: "gpt-5.4-nano" } },
        { key: "switchyard.metadata.offset", value: { intValue: -898832049 } },
      ],
    });
    const good = "6b8efff798038103d269b633813fc60c";
    const body = { resourceSpans: [{ scopeSpans: [{ spans: [
      spanOf(good, "aee19b7ec3c1b174"), spanOf("0".repeat(32), "aee19b7ec3c1b175"), spanOf(good, "0".repeat(16)), spanOf(good.slice(2), "aee19b7ec3c1b176"),
    ] }] }] };
    const post = (payload: Uint8Array | string, type: string) =>
      fetch(`${api.url}/api/v1/otlp/v1/traces`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": type }, body: typeof payload === "string" ? payload : new Uint8Array(payload) });
    const res = await post(JSON.stringify(body), "application/json");
    const { partialSuccess } = await res.json();
    expect(partialSuccess.rejectedSpans).toBe(3);
    expect(partialSuccess.errorMessage).toMatch(/traceId must not be all zeros.*spanId must not be all zeros.*traceId must be 16 bytes/);
    // The good span as protobuf under a new span id: its int64 arrives as a Long, and reads as JSON's did.
    const proto = ExportRequest.encode(ExportRequest.fromObject({ resourceSpans: [{ scopeSpans: [{ spans: [
      { ...spanOf(good, ""), traceId: Buffer.from(good, "hex"), spanId: Buffer.from("aee19b7ec3c1b177", "hex") },
    ] }] }] })).finish();
    expect((await post(proto, "application/x-protobuf")).status).toBe(200);
    const calls = await db().call.findMany({ where: { teamSeq: seq }, orderBy: { id: "asc" }, select: { id: true, metadata: true } });
    expect(calls.map((c) => [c.id.slice(-4), c.metadata])).toEqual([["b174", { offset: "-898832049" }], ["b177", { offset: "-898832049" }]]);
  });
});
