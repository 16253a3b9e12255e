// The framework recipes of docs/sdk.md, run with the real packages against the fake OpenAI server: the OpenAI
// Agents SDK on a wrapped client, LangChain's ChatOpenAI and the Vercel AI SDK on sy.fetch. Each run sits
// in sy.run, so its calls arrive with the task type, one trace and ordered steps, and "auto" is routed.
import { createOpenAI } from "@ai-sdk/openai";
import { ChatOpenAI } from "@langchain/openai";
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTracingDisabled, tool } from "@openai/agents";
import { generateText, Output, streamText } from "ai";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { calls, ready, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();
const { setup, client } = h;

const ROUTER = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "agent", when: { taskType: ["tool_agent"] }, model: "gpt-5.4-mini" },
    { id: "cheap", when: { taskType: ["extract", "summarize"] }, model: "gpt-5.4-nano" },
  ],
};

type Item = { type?: string; role?: string };
/** The model calls the tool until it has seen a tool result, then answers in text (chat and responses). */
const untilToolResult = (body: Record<string, unknown>) => {
  const items = ((body.messages ?? body.input ?? []) as Item[] | string);
  const answered = Array.isArray(items) && items.some((i) => i.role === "tool" || i.type === "function_call_output");
  return { toolCalls: !answered };
};

const lookupOrder = { description: "Looks an order up by its id", parameters: z.object({ order_id: z.string() }) };

describe("framework recipes", () => {
  it("OpenAI Agents SDK: setDefaultOpenAIClient(sy.wrap(...)) inside sy.run, on both of its APIs", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy } = client(ingest.secret);
    await ready(sy);
    setTracingDisabled(true); // its own trace exporter would call api.openai.com
    setDefaultOpenAIClient(sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: h.fake.url, maxRetries: 0 })));
    const seen: string[] = [];
    const lookup = tool({ name: "lookup_order", ...lookupOrder, execute: async ({ order_id }) => (seen.push(order_id), `order ${order_id} shipped`) });
    const agent = new Agent({ name: "support", instructions: "Answer order questions.", model: "auto", tools: [lookup] });
    h.behave = untilToolResult;
    try {
      for (const api of ["responses", "chat_completions"] as const) {
        setOpenAIAPI(api);
        const result = await sy.run({ taskType: "tool_agent", traceId: `agents-${api}` }, () => run(agent, "Where is order A-1001?"));
        expect(result.finalOutput).toMatch(/^Fake answer/);
      }
    } finally {
      setOpenAIAPI("responses");
    }
    expect(seen).toEqual(["A-1001", "A-1001"]);
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.traceId, c.stepIndex, c.taskType, c.model, c.ruleId, c.toolCount, c.toolCallCount])).toEqual([
      ["agents-responses", 0, "tool_agent", "gpt-5.4-mini", "agent", 1, 1],
      ["agents-responses", 1, "tool_agent", "gpt-5.4-mini", "agent", 1, 0],
      ["agents-chat_completions", 0, "tool_agent", "gpt-5.4-mini", "agent", 1, 1],
      ["agents-chat_completions", 1, "tool_agent", "gpt-5.4-mini", "agent", 1, 0],
    ]);
    expect(h.fake.requests.slice(-4).map((r) => [r.api, r.body.model])).toEqual([["responses", "gpt-5.4-mini"], ["responses", "gpt-5.4-mini"], ["chat", "gpt-5.4-mini"], ["chat", "gpt-5.4-mini"]]);
  });

  it("LangChain: ChatOpenAI with configuration.fetch = sy.fetch keeps it through bindTools, withStructuredOutput and streaming", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy } = client(ingest.secret);
    await ready(sy);
    const model = new ChatOpenAI({ model: "auto", apiKey: "sk-fake", maxRetries: 0, configuration: { baseURL: h.fake.url, fetch: sy.fetch } });
    await sy.run({ taskType: "extract", traceId: "lc-1" }, async () => {
      expect((await model.invoke("Extract the order id from: my order A-1001 is late")).content).toMatch(/^Fake answer/);
      const withTools = model.bindTools([{ name: "lookup_order", ...lookupOrder, schema: lookupOrder.parameters }]);
      expect((await withTools.invoke("Where is order A-1001?")).tool_calls?.[0]).toMatchObject({ name: "lookup_order", args: { order_id: "A-1001" } });
      const structured = model.withStructuredOutput(z.object({ answer: z.string(), confidence: z.number() }));
      expect(await structured.invoke("How sure are you?")).toEqual({ answer: "ok", confidence: 0.9 });
      let text = "";
      for await (const chunk of await model.stream("Summarise it")) text += chunk.content;
      expect(text).toMatch(/^Fake answer/);
    });
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.traceId, c.stepIndex, c.taskType, c.model, c.ruleId, c.toolCount, c.status])).toEqual([
      ["lc-1", 0, "extract", "gpt-5.4-nano", "cheap", 0, 0],
      ["lc-1", 1, "extract", "gpt-5.4-nano", "cheap", 1, 0],
      ["lc-1", 2, "extract", "gpt-5.4-nano", "cheap", 0, 0],
      ["lc-1", 3, "extract", "gpt-5.4-nano", "cheap", 0, 0],
    ]);
    expect(stored[3].ttftMs).not.toBeNull();
    expect(stored.every((c) => c.outputTokens > 0)).toBe(true);
  });

  it("Vercel AI SDK: createOpenAI({ fetch: sy.fetch }) for generateText, structured output and streamText, chat and responses", async () => {
    const { seq, ingest } = await setup(ROUTER);
    const { sy } = client(ingest.secret);
    await ready(sy);
    const openai = createOpenAI({ apiKey: "sk-fake", baseURL: h.fake.url, fetch: sy.fetch });
    await sy.run({ taskType: "summarize", traceId: "ai-1" }, async () => {
      const plain = await generateText({ model: openai.chat("auto"), prompt: "Summarise the ticket" });
      expect(plain.text).toMatch(/^Fake answer/);
      expect(plain.response.headers?.["x-switchyard-call-id"]).toBeTruthy();
      const structured = await generateText({ model: openai("auto"), prompt: "How sure?", output: Output.object({ schema: z.object({ answer: z.string(), confidence: z.number() }) }) });
      expect(structured.output).toEqual({ answer: "ok", confidence: 0.9 });
      const streamed = streamText({ model: openai("auto"), prompt: "Summarise it" });
      expect(await streamed.text).toMatch(/^Fake answer/);
      const chatStream = streamText({ model: openai.chat("auto"), prompt: "Summarise it again" });
      expect(await chatStream.text).toMatch(/^Fake answer/);
    });
    await sy.flush();
    const stored = await calls(seq);
    expect(stored.map((c) => [c.traceId, c.stepIndex, c.taskType, c.model, c.ruleId, c.status])).toEqual([0, 1, 2, 3].map((i) => ["ai-1", i, "summarize", "gpt-5.4-nano", "cheap", 0]));
    expect(stored.slice(2).every((c) => c.ttftMs !== null && c.outputTokens > 0)).toBe(true);
    expect(h.fake.requests.slice(-4).map((r) => [r.api, r.body.model])).toEqual([["chat", "gpt-5.4-nano"], ["responses", "gpt-5.4-nano"], ["responses", "gpt-5.4-nano"], ["chat", "gpt-5.4-nano"]]);
  });
});
