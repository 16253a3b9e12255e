import { describe, expect, it } from "vitest";
import { evaluatorConfig, type Kind } from "@/lib/evaluators/kinds";

function issues(kind: Kind, config: unknown) {
  const r = evaluatorConfig(kind).safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("evaluator config", () => {
  it("accepts each kind's contract example", () => {
    expect(issues("json_schema", { schema: { type: "object", required: ["answer"] } })).toEqual([]);
    expect(issues("json_schema", { schema: { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }] } })).toEqual([]);
    expect(issues("regex", { pattern: "^order #\\d+$", flags: "im", mustMatch: true })).toEqual([]);
    expect(issues("contains", { text: "refund", mustContain: false })).toEqual([]);
    expect(issues("expected", { metadataKey: "expected", mode: "json_equal" })).toEqual([]);
    expect(issues("tool_args", {})).toEqual([]);
    expect(issues("llm_judge", { baseUrl: "http://localhost:11434/v1", model: "llama3", rubric: "Is {{output}} polite?" })).toEqual([]);
  });

  it("says why a schema does not compile, at schema", () => {
    expect(issues("json_schema", { schema: { type: "strng" } })).toEqual([expect.stringMatching(/^schema: does not compile: schema is invalid: data\/type must be equal to one of the allowed values/)]);
    expect(issues("json_schema", { schema: { $ref: "#/definitions/missing" } })).toEqual([expect.stringMatching(/^schema: does not compile: can't resolve reference/)]);
    expect(issues("json_schema", { schema: { $schema: "http://json-schema.org/draft-04/schema#" } })).toEqual([expect.stringMatching(/^schema: does not compile: \$schema .* is not supported/)]);
    expect(issues("json_schema", { schema: { description: "a\u0000b" } })).toEqual(["schema: must not contain the NUL character (U+0000)"]);
    expect(issues("json_schema", { schema: [] })).toHaveLength(1);
  });

  it("refuses a regex that does not compile, unknown or repeated flags, and a pattern over 1,000 characters", () => {
    expect(issues("regex", { pattern: "(unclosed", mustMatch: true })).toEqual([expect.stringMatching(/^pattern: does not compile: missing closing \)/)]);
    // Backtracking-only features are refused up front: matching stays linear in the text.
    expect(issues("regex", { pattern: "(a)\\1", mustMatch: true })).toEqual([expect.stringMatching(/^pattern: does not compile: .*no backreferences or lookaround/)]);
    expect(issues("regex", { pattern: "(?<=order )#\\d+", mustMatch: true })).toEqual([expect.stringMatching(/^pattern: does not compile/)]);
    expect(issues("regex", { pattern: "a", flags: "gx", mustMatch: true })).toEqual(["flags: may only use the flags g, i, m, s, u and y, each once"]);
    expect(issues("regex", { pattern: "a", flags: "ii", mustMatch: true })).toEqual(["flags: may only use the flags g, i, m, s, u and y, each once"]);
    expect(issues("regex", { pattern: "\\p{Lu}", flags: "u", mustMatch: true })).toEqual([]);
    expect(issues("regex", { pattern: "\\p{Lu", flags: "u", mustMatch: true })).toEqual([expect.stringMatching(/^pattern: does not compile/)]);
    expect(issues("regex", { pattern: "a".repeat(1001), mustMatch: true })).toEqual(["pattern: must be at most 1000 characters"]);
  });

  it("enforces lengths, URLs and strict objects", () => {
    expect(issues("contains", { text: "", mustContain: true })).toEqual(["text: must not be empty"]);
    expect(issues("contains", { text: "x".repeat(10_001), mustContain: true })).toEqual(["text: must be at most 10000 characters"]);
    expect(issues("expected", { metadataKey: "k".repeat(65), mode: "exact" })).toEqual(["metadataKey: must be at most 64 characters"]);
    expect(issues("expected", { metadataKey: "expected", mode: "fuzzy" })).toEqual(["mode: must be exact or json_equal"]);
    expect(issues("tool_args", { strict: true })).toEqual([': Unrecognized key: "strict"']);
    const judge = { baseUrl: "https://api.openai.com/v1", apiKey: "sk-test", model: "gpt-5.4-mini", rubric: "Grade {{output}}" };
    expect(issues("llm_judge", { ...judge, baseUrl: "ftp://judge.example" })).toEqual(["baseUrl: must be an http(s) URL"]);
    expect(issues("llm_judge", { ...judge, apiKey: "k".repeat(501) })).toEqual(["apiKey: must be at most 500 characters"]);
    expect(issues("llm_judge", { ...judge, model: "" })).toEqual(["model: must not be empty"]);
    expect(issues("llm_judge", { ...judge, rubric: "r".repeat(20_001) })).toEqual(["rubric: must be at most 20000 characters"]);
    expect(issues("llm_judge", { ...judge, apiKey: null, dailyCapUsd: 2.5 })).toEqual([]);
    expect(issues("llm_judge", { ...judge, dailyCapUsd: 0 })).toEqual(["dailyCapUsd: must be more than 0"]);
    expect(issues("llm_judge", { ...judge, dailyCapUsd: "5" })).toHaveLength(1);
    expect(issues("llm_judge", { ...judge, apiKeyEncrypted: "v1.x" })).toEqual([': Unrecognized key: "apiKeyEncrypted"']);
  });
});
