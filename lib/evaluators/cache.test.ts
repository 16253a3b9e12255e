import { Ajv } from "ajv";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createCache } from "@/lib/evaluators/cache";
import { check } from "@/lib/evaluators/kinds";

afterEach(() => vi.restoreAllMocks());

describe("createCache", () => {
  it("makes a value once per key and evicts the least recently used past its limit", () => {
    const cache = createCache<string>(2);
    const make = vi.fn((key: string) => key.toUpperCase());
    const get = (key: string) => cache.get(key, () => make(key));
    get("a");
    get("b");
    get("a"); // a is now more recent than b
    get("c"); // evicts b
    get("a");
    get("b"); // made again
    expect(make.mock.calls.map(([k]) => k)).toEqual(["a", "b", "c", "b"]);
  });
});

describe("compiled validators", () => {
  // Ajv's compile lives on the prototype both of our instances share; counting it counts compilations.
  const spyCompile = () => vi.spyOn(Object.getPrototypeOf(Ajv.prototype), "compile");

  it("compile a json_schema config once for many calls, even when each call brings its own copy of the config", () => {
    const compile = spyCompile();
    const config = JSON.stringify({ schema: { type: "object", required: ["cacheProbe"] } });
    for (let i = 0; i < 500; i++) {
      check("json_schema", JSON.parse(config), { input: null, output: `{"cacheProbe": ${i}}`, metadata: null });
    }
    expect(compile).toHaveBeenCalledTimes(1);
  });

  it("compile each tool's parameter schema once across calls", () => {
    const compile = spyCompile();
    const tools = [1, 2].map((n) => ({ type: "function", function: { name: `t${n}`, parameters: { type: "object", required: [`probe${n}`] } } }));
    const input = JSON.stringify({ messages: [], tools });
    const output = JSON.stringify({ role: "assistant", content: null, tool_calls: [1, 2].map((n) => ({ type: "function", function: { name: `t${n}`, arguments: `{"probe${n}": 1}` } })) });
    for (let i = 0; i < 300; i++) expect(check("tool_args", {}, { input, output, metadata: null }).verdict).toBe("pass");
    expect(compile).toHaveBeenCalledTimes(2);
  });
});
