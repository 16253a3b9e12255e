// Evaluators run over whatever was captured: no string may make them throw.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCaptured } from "@/lib/evaluators/captured";
import { check } from "@/lib/evaluators/kinds";
import { parseJudgeResponse } from "@/lib/evaluators/judge";

const configs: [string, unknown][] = [
  ["json_schema", { schema: { type: "object", required: ["a"], properties: { a: { type: "array", items: { type: "integer" } } } } }],
  ["regex", { pattern: "^\\s*[{[]", flags: "gmu", mustMatch: true }],
  ["contains", { text: "\u0000", mustContain: false }],
  ["expected", { metadataKey: "expected", mode: "json_equal" }],
  ["expected", { metadataKey: "expected", mode: "exact" }],
  ["tool_args", {}],
];

// Strings that are often JSON, and often the shapes captured content takes, with odd characters inside.
const odd = fc.string({ unit: fc.constantFrom("a", "\u0000", "\ud800", "😀", '"', "\\", "{", "}") });
const shaped = fc.oneof(
  fc.string({ unit: "grapheme" }),
  odd,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ role: fc.constant("assistant"), content: fc.oneof(odd, fc.constant(null), fc.jsonValue()), tool_calls: fc.array(fc.jsonValue()) }).map((v) => JSON.stringify(v)),
  fc.array(fc.record({ type: fc.constantFrom("message", "function_call"), name: fc.jsonValue(), arguments: fc.oneof(odd, fc.jsonValue()), content: fc.jsonValue() })).map((v) => JSON.stringify(v)),
  fc.record({ tools: fc.array(fc.record({ type: fc.constant("function"), name: odd, parameters: fc.jsonValue(), function: fc.jsonValue() })) }).map((v) => JSON.stringify(v)),
);
const content = fc.option(shaped, { nil: null });
const metadata = fc.option(fc.dictionary(fc.constantFrom("expected", "other", "__proto__"), shaped), { nil: null });

describe("total behaviour", () => {
  it("reads any input and output without throwing", () => {
    fc.assert(fc.property(content, content, (input, output) => void readCaptured(input, output)), { numRuns: 2000 });
  });

  it("checks any call with every deterministic kind without throwing, and gives a verdict only when output was captured", () => {
    fc.assert(
      fc.property(content, content, metadata, (input, output, meta) => {
        for (const [kind, config] of configs) {
          const r = check(kind, config, { input, output, metadata: meta });
          expect(typeof r.reason).toBe("string");
          if (output === null) expect(r.verdict).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("checks with any config, and reads any judge answer, without throwing", () => {
    fc.assert(fc.property(fc.string(), fc.jsonValue(), content, (kind, config, output) => void check(kind, config, { input: null, output, metadata: null })));
    fc.assert(fc.property(fc.jsonValue(), (answer) => void parseJudgeResponse(answer)));
    fc.assert(fc.property(fc.oneof(odd, fc.jsonValue().map((v) => JSON.stringify(v))), (content) => void parseJudgeResponse({ choices: [{ message: { content } }] })));
  });
});
