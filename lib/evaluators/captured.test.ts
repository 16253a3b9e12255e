import { describe, expect, it } from "vitest";
import { readCaptured } from "@/lib/evaluators/captured";

const weatherTool = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

describe("readCaptured", () => {
  it("reads plain text and nothing captured", () => {
    expect(readCaptured("Summarize this ticket", "The customer wants a refund.")).toEqual({ text: "The customer wants a refund.", json: undefined, toolCalls: [], tools: [] });
    expect(readCaptured(null, null)).toEqual({ text: null, json: undefined, toolCalls: [], tools: [] });
  });

  it("keeps a JSON answer's raw text and its value; the JSON null is a value", () => {
    const raw = '{"label": "billing", "confidence": 0.92}';
    expect(readCaptured(null, raw)).toMatchObject({ text: raw, json: { label: "billing", confidence: 0.92 } });
    expect(readCaptured(null, "null").json).toBeNull();
    // An app's own JSON with a "content" key is not mistaken for a chat message.
    expect(readCaptured(null, '{"content": "x"}').json).toEqual({ content: "x" });
  });

  it("reads a chat message's content, its JSON and its tool calls, and the chat request's tools", () => {
    const input = JSON.stringify({
      model: "gpt-5.4-mini",
      messages: [{ role: "user", content: "Weather in Oslo?" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: weatherTool } }, { type: "custom", custom: { name: "grammar" } }],
    });
    const output = JSON.stringify({
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Oslo"}' } }],
    });
    expect(readCaptured(input, output)).toEqual({
      text: null,
      json: undefined,
      toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }],
      tools: [{ name: "get_weather", parameters: weatherTool }],
    });
    const answer = readCaptured(null, JSON.stringify({ role: "assistant", content: '{"answer": 42}' }));
    expect([answer.text, answer.json]).toEqual(['{"answer": 42}', { answer: 42 }]);
    const parts = readCaptured(null, JSON.stringify({ role: "assistant", content: [{ type: "text", text: "Hel" }, { type: "text", text: "lo" }] }));
    expect(parts.text).toBe("Hello");
  });

  it("reads a Responses output array and a Responses request's tools", () => {
    const input = JSON.stringify({ input: "Weather in Oslo?", tools: [{ type: "function", name: "get_weather", parameters: weatherTool }, { type: "web_search" }] });
    const output = JSON.stringify([
      { type: "reasoning", summary: [] },
      { type: "message", role: "assistant", content: [{ type: "output_text", text: "Checking " }, { type: "output_text", text: "now." }] },
      { type: "function_call", call_id: "fc_1", name: "get_weather", arguments: '{"city":"Oslo"}' },
    ]);
    expect(readCaptured(input, output)).toEqual({
      text: "Checking now.",
      json: undefined,
      toolCalls: [{ name: "get_weather", arguments: '{"city":"Oslo"}' }],
      tools: [{ name: "get_weather", parameters: weatherTool }],
    });
  });

  it("reads a document cut off at 32 KiB as plain text, and an input without tools as none", () => {
    const cut = JSON.stringify({ role: "assistant", content: "x".repeat(40_000) }).slice(0, 32_768);
    expect(readCaptured('{"messages": [', cut)).toEqual({ text: cut, json: undefined, toolCalls: [], tools: [] });
    expect(readCaptured('{"messages": []}', "ok").tools).toEqual([]);
  });
});
