import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, policySchema } from "./policy";

const contractExample = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "multi-tool", when: { toolCount: { gte: 3 } }, model: "gpt-5.4-mini" },
    { id: "long-context", when: { contextTokens: { gt: 4000 } }, model: "gpt-5.4-mini" },
    { id: "simple", when: { taskType: ["classify", "route", "binary_decision", "simple_extract"] }, model: "gpt-5.4-nano" },
    { id: "canary", when: { taskType: ["extract"] }, split: [{ model: "gpt-5.4-nano", weight: 10 }, { model: "gpt-5.4-mini", weight: 90 }] },
  ],
  escalation: { model: "gpt-5.4-mini", on: ["error", "malformed_output"], maxAttempts: 2 },
  shadow: [{ when: { taskType: ["summarize"] }, model: "gpt-5.4-nano", sampleRate: 0.05 }],
};

function problems(value: unknown) {
  const result = policySchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("policySchema", () => {
  it("accepts the contract's example and the default policy unchanged", () => {
    expect(policySchema.parse(contractExample)).toEqual(contractExample);
    expect(policySchema.parse(DEFAULT_POLICY)).toEqual({ defaultModel: "gpt-5.4-mini" });
  });

  it("names the path of each problem", () => {
    expect(problems({ defaultModel: "" })).toEqual(["defaultModel: must name a model"]);
    expect(problems({ ...contractExample, rules: [{ id: "a", when: {}, model: "m", split: [{ model: "n", weight: 1 }] }] })).toEqual([
      "rules.0.model: a rule needs exactly one of model or split",
    ]);
    expect(problems({ ...contractExample, shadow: [{ model: "m", sampleRate: 2 }] })).toEqual(["shadow.0.sampleRate: must be between 0 and 1"]);
    expect(problems({ defaultModel: "m", rules: [{ id: "x", model: "m" }, { id: "x", model: "n" }] })).toEqual(['rules.1.id: duplicate rule id "x"']);
  });

  it("rejects unknown keys, so a typo is not silently ignored", () => {
    expect(problems({ defaultModel: "m", rules: [{ id: "x", wehn: {}, model: "m" }] })[0]).toMatch(/^rules\.0/);
    expect(problems({ defaultModel: "m", rules: [{ id: "x", when: { toolCount: {} }, model: "m" }] })).toEqual([
      "rules.0.when.toolCount: needs at least one of gt, gte, lt, lte",
    ]);
  });
});
