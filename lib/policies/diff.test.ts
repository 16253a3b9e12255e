import { describe, expect, it } from "vitest";
import type { Policy } from "@switchyard/sdk/core";
import { describeChanges } from "@/lib/policies/diff";

const v1: Policy = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "suggest-tool_agent", when: { taskType: ["tool_agent"] }, model: "gpt-5.4-mini" },
    { id: "simple", when: { taskType: ["classify", "route"] }, model: "gpt-5.4-nano" },
  ],
};

describe("describeChanges", () => {
  it("names the rule whose model changed, and says nothing else changed", () => {
    const v2: Policy = { ...v1, rules: [{ ...v1.rules![0], model: "gpt-5.4-nano" }, v1.rules![1]] };
    expect(describeChanges(v1, v2)).toEqual(["rule suggest-tool_agent: gpt-5.4-mini → gpt-5.4-nano"]);
  });

  it("reports the same policy written differently as no change", () => {
    expect(describeChanges(v1, JSON.parse(JSON.stringify(v1)))).toEqual([]);
  });

  it("describes added and removed rules, conditions, order, splits, escalation, exploration and shadows", () => {
    const v2: Policy = {
      defaultModel: "gpt-5.4-nano",
      rules: [
        { id: "simple", when: { taskType: ["classify"] }, model: "gpt-5.4-nano" },
        { id: "long-context", when: { contextTokens: { gt: 4000 } }, split: [{ model: "gpt-5.4-mini", weight: 9 }, { model: "gpt-5.4-nano", weight: 1 }] },
      ],
      escalation: { model: "gpt-5.4-mini", on: ["error"], maxAttempts: 2 },
      explore: { rate: 0.02, models: ["gpt-5.4-nano"] },
      shadow: [{ when: { taskType: ["summarize"] }, model: "gpt-5.4-nano", sampleRate: 0.05 }],
    };
    expect(describeChanges(v1, v2)).toEqual([
      "default model: gpt-5.4-mini → gpt-5.4-nano",
      "rule simple now applies to task type classify (was task type classify or route)",
      "rule long-context added: context tokens > 4000 → gpt-5.4-mini 90% / gpt-5.4-nano 10%",
      "rule suggest-tool_agent removed",
      "escalation: off → on error → gpt-5.4-mini, up to 2 attempts",
      "exploration: off → 2% to gpt-5.4-nano",
      "shadow added: gpt-5.4-nano on 5% of task type summarize",
    ]);
    const reordered: Policy = { ...v1, rules: [v1.rules![1], v1.rules![0]] };
    expect(describeChanges(v1, reordered)).toEqual(["rules reordered: simple, suggest-tool_agent"]);
  });
});
