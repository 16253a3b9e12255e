import { describe, expect, it } from "vitest";
import { check } from "@/lib/evaluators/kinds";

const extraction = {
  schema: {
    type: "object",
    required: ["answer", "order"],
    properties: {
      answer: { type: "string" },
      order: { type: "object", required: ["id", "items"], properties: { id: { type: "string" }, items: { type: "array", items: { type: "object", required: ["sku", "qty"], properties: { sku: { type: "string" }, qty: { type: "integer", minimum: 1 } } } } } },
    },
  },
};
const judge = (output: string) => check("json_schema", extraction, { input: null, output, metadata: null });

describe("json_schema", () => {
  it("passes a JSON answer that matches, also inside a chat message", () => {
    const good = { answer: "Your order ships Monday.", order: { id: "A-4471", items: [{ sku: "KB-01", qty: 2 }] } };
    expect(judge(JSON.stringify(good))).toEqual({ verdict: "pass", reason: "output matches the schema" });
    expect(judge(JSON.stringify({ role: "assistant", content: JSON.stringify(good) })).verdict).toBe("pass");
  });

  it("names the first broken rule and where", () => {
    expect(judge('{"order": {"id": "A-4471", "items": []}}')).toEqual({ verdict: "fail", reason: "missing required property 'answer' at /" });
    expect(judge('{"answer": "ok", "order": {"id": "A-4471"}}').reason).toBe("missing required property 'items' at /order");
    expect(judge('{"answer": "ok", "order": {"id": "A-4471", "items": [{"sku": "KB-01", "qty": 0}]}}').reason).toBe("must be >= 1 at /order/items/0/qty");
  });

  it("fails an answer that is not JSON, quoting the parser", () => {
    const result = judge("Sure! Here is the JSON: {}");
    expect(result.verdict).toBe("fail");
    expect(result.reason).toMatch(/^output is not JSON: Unexpected token/);
  });
});

const weather = { type: "object", required: ["city"], additionalProperties: false, properties: { city: { type: "string" }, unit: { enum: ["c", "f"] } } };
const chatInput = JSON.stringify({ messages: [{ role: "user", content: "Weather in Oslo?" }], tools: [{ type: "function", function: { name: "get_weather", parameters: weather } }] });
const responsesInput = JSON.stringify({ input: "Weather in Oslo?", tools: [{ type: "function", name: "get_weather", parameters: weather }] });
const chatOutput = (...args: string[]) => JSON.stringify({ role: "assistant", content: null, tool_calls: args.map((a, i) => ({ id: `call_${i}`, type: "function", function: { name: "get_weather", arguments: a } })) });
const responsesOutput = (args: string) => JSON.stringify([{ type: "function_call", call_id: "fc_1", name: "get_weather", arguments: args }]);
const toolArgs = (input: string | null, output: string) => check("tool_args", {}, { input, output, metadata: null });

describe("tool_args", () => {
  it("passes arguments that fit the tool's parameters (chat and Responses shapes)", () => {
    expect(toolArgs(chatInput, chatOutput('{"city":"Oslo"}', '{"city":"Bergen","unit":"c"}'))).toEqual({ verdict: "pass", reason: "2 tool calls with valid arguments" });
    expect(toolArgs(responsesInput, responsesOutput('{"city":"Oslo"}'))).toEqual({ verdict: "pass", reason: "1 tool call with valid arguments" });
  });

  it("fails arguments that break the schema or are not JSON, even after a valid call", () => {
    expect(toolArgs(chatInput, chatOutput('{"city":"Oslo"}', '{"town":"Oslo"}'))).toEqual({ verdict: "fail", reason: "arguments of 'get_weather': missing required property 'city' at /" });
    expect(toolArgs(responsesInput, responsesOutput('{"city":"Oslo","unit":"k"}')).reason).toBe("arguments of 'get_weather': must be equal to one of the allowed values at /unit");
    expect(toolArgs(responsesInput, responsesOutput('{"city":"Oslo","days":3}')).reason).toBe("arguments of 'get_weather': unexpected property 'days' at /");
    expect(toolArgs(chatInput, chatOutput('{"city": "Oslo"'))).toMatchObject({ verdict: "fail", reason: expect.stringMatching(/^arguments of 'get_weather' are not JSON: /) });
  });

  it("cannot judge without tool calls or without the tool's schema, but still fails arguments that are not JSON", () => {
    expect(toolArgs(chatInput, JSON.stringify({ role: "assistant", content: "It is sunny." }))).toEqual({ verdict: null, reason: "no tool calls in the output" });
    expect(toolArgs(null, chatOutput('{"city":"Oslo"}'))).toEqual({ verdict: null, reason: "no parameter schema known for tool 'get_weather' (input not captured)" });
    expect(toolArgs(chatInput.slice(0, 40), chatOutput('{"city":"Oslo"}')).verdict).toBeNull();
    expect(toolArgs(null, chatOutput("city=Oslo")).verdict).toBe("fail");
  });
});
