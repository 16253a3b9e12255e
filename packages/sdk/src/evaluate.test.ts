import { describe, expect, it } from "vitest";
import { chooseShares, choose, matches, sampleShadows, stableFraction } from "./evaluate";
import { policySchema, type Policy } from "./policy";

const router: Policy = {
  defaultModel: "gpt-5.4-mini",
  rules: [
    { id: "multi-tool", when: { toolCount: { gte: 3 } }, model: "gpt-5.4-mini" },
    { id: "long-context", when: { contextTokens: { gt: 4000 } }, model: "gpt-5.4-mini" },
    { id: "simple", when: { taskType: ["classify", "route"] }, model: "gpt-5.4-nano" },
    { id: "canary", when: { taskType: ["extract"] }, split: [{ model: "gpt-5.4-nano", weight: 10 }, { model: "gpt-5.4-mini", weight: 90 }] },
    { id: "enterprise", when: { metadata: { tier: ["enterprise", "pro"] } }, model: "gpt-5.4" },
  ],
  shadow: [{ when: { taskType: ["summarize"] }, model: "gpt-5.4-nano", sampleRate: 0.05 }],
};
const f = (over: Partial<Parameters<typeof choose>[1]>) => ({ taskType: "other", contextTokens: 100, toolCount: 0, callId: "c1", ...over });

describe("choose", () => {
  it("applies the first rule whose conditions all hold, in order", () => {
    expect(choose(router, f({ taskType: "classify", toolCount: 3 }))).toEqual({ model: "gpt-5.4-mini", ruleId: "multi-tool", propensity: 1 });
    expect(choose(router, f({ taskType: "classify", contextTokens: 4001 }))).toEqual({ model: "gpt-5.4-mini", ruleId: "long-context", propensity: 1 });
    expect(choose(router, f({ taskType: "classify", contextTokens: 4000 }))).toEqual({ model: "gpt-5.4-nano", ruleId: "simple", propensity: 1 });
    expect(choose(router, f({ metadata: { tier: "pro" } }))).toEqual({ model: "gpt-5.4", ruleId: "enterprise", propensity: 1 });
    expect(choose(router, f({ metadata: { tier: "free" } }))).toEqual({ model: "gpt-5.4-mini", ruleId: null, propensity: 1 });
  });

  it("evaluates every range bound and metadata value form", () => {
    expect(matches({ contextTokens: { gt: 10, lte: 20 } }, f({ contextTokens: 20 }))).toBe(true);
    expect(matches({ contextTokens: { gt: 10, lte: 20 } }, f({ contextTokens: 10 }))).toBe(false);
    expect(matches({ toolCount: { lt: 2 } }, f({ toolCount: 2 }))).toBe(false);
    expect(matches({ metadata: { feature: "support" } }, f({ metadata: { feature: "support" } }))).toBe(true);
    expect(matches({ metadata: { feature: "support" } }, f({}))).toBe(false);
    expect(matches({}, f({}))).toBe(true);
  });

  it("splits by weight, stable per trace", () => {
    const picks = Array.from({ length: 10_000 }, (_, i) => choose(router, f({ taskType: "extract", callId: `c${i}` })).model);
    const nano = picks.filter((m) => m === "gpt-5.4-nano").length / picks.length;
    expect(nano).toBeGreaterThan(0.08);
    expect(nano).toBeLessThan(0.12);
    const first = choose(router, f({ taskType: "extract", traceId: "run-7", callId: "a" }));
    for (let i = 0; i < 20; i++) expect(choose(router, f({ taskType: "extract", traceId: "run-7", callId: `s${i}` }))).toEqual(first);
  });

  it("hashes into [0, 1)", () => {
    for (const k of ["", "a", "run-1", "x".repeat(500)]) expect(stableFraction(k)).toBeGreaterThanOrEqual(0), expect(stableFraction(k)).toBeLessThan(1);
  });
});

describe("sampleShadows", () => {
  it("samples matching calls at the configured rate, never the served model", () => {
    let seed = 1;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const n = 20_000;
    const hits = Array.from({ length: n }, () => sampleShadows(router, f({ taskType: "summarize" }), "gpt-5.4-mini", random).length).reduce((a, b) => a + b, 0);
    expect(hits / n).toBeGreaterThan(0.04);
    expect(hits / n).toBeLessThan(0.06);
    expect(sampleShadows(router, f({ taskType: "summarize" }), "gpt-5.4-nano", () => 0)).toEqual([]);
    expect(sampleShadows(router, f({ taskType: "classify" }), "gpt-5.4-mini", () => 0)).toEqual([]);
  });
});

describe("chooseShares", () => {
  const policy = {
    defaultModel: "mini",
    rules: [
      { id: "small", when: { contextTokens: { lte: 1000 } }, model: "nano" },
      { id: "canary", when: { taskType: ["extract"] }, split: [{ model: "nano", weight: 1 }, { model: "mini", weight: 3 }] },
    ],
  };
  it("gives the rule's model, a split's weights, or the default, as choose would", () => {
    expect(chooseShares(policy, { taskType: "extract", contextTokens: 800, toolCount: 0 })).toEqual([{ model: "nano", share: 1, ruleId: "small" }]);
    expect(chooseShares(policy, { taskType: "extract", contextTokens: 5000, toolCount: 0 })).toEqual([
      { model: "nano", share: 0.25, ruleId: "canary" }, { model: "mini", share: 0.75, ruleId: "canary" },
    ]);
    expect(chooseShares(policy, { taskType: "summarize", contextTokens: 5000, toolCount: 0 })).toEqual([{ model: "mini", share: 1, ruleId: null }]);
    // Over many calls the hash-based split lands on the weights chooseShares reports.
    const picks = Array.from({ length: 20_000 }, (_, i) => choose(policy, { taskType: "extract", contextTokens: 5000, toolCount: 0, callId: `c${i}` }).model);
    expect(picks.filter((m) => m === "nano").length / picks.length).toBeCloseTo(0.25, 1);
  });
});

describe("exploration and propensities", () => {
  const policy = {
    defaultModel: "mini",
    rules: [{ id: "canary", when: { taskType: ["extract"] }, split: [{ model: "nano", weight: 1 }, { model: "mini", weight: 3 }] }],
    explore: { rate: 0.1, models: ["nano", "gpt-4.1"], when: { taskType: ["extract", "classify"] } },
  };
  const features = (taskType: string, i: number) => ({ taskType, contextTokens: 500, toolCount: 0, callId: `c${i}` });

  it("logs propensity 1 for a plain rule or the default and the arm's share for a split", () => {
    const plain = { defaultModel: "mini", rules: [{ id: "r", when: { taskType: ["classify"] }, model: "nano" }] };
    expect(choose(plain, features("classify", 1))).toEqual({ model: "nano", ruleId: "r", propensity: 1 });
    expect(choose(plain, features("summarize", 1))).toEqual({ model: "mini", ruleId: null, propensity: 1 });
    const { explore: _none, ...split } = policy;
    expect(choose(split, features("extract", 7)).propensity).toBe(choose(split, features("extract", 7)).model === "nano" ? 0.25 : 0.75);
  });

  it("mixes exploration into the shares, and choose picks each model at the share (and propensity) it reports", () => {
    const shares = chooseShares(policy, { taskType: "extract", contextTokens: 500, toolCount: 0 });
    expect(Object.fromEntries(shares.map((s) => [s.model, s.share]))).toEqual({ nano: 0.25 * 0.9 + 0.05, mini: 0.75 * 0.9, "gpt-4.1": 0.05 });
    expect(shares.reduce((n, s) => n + s.share, 0)).toBeCloseTo(1, 12);
    const n = 40_000;
    const picks = Array.from({ length: n }, (_, i) => choose(policy, features("extract", i)));
    for (const s of shares) {
      const mine = picks.filter((p) => p.model === s.model);
      expect(mine.length / n).toBeCloseTo(s.share, 1);
      expect(new Set(mine.map((p) => p.propensity))).toEqual(new Set([s.share]));
    }
    // Where `explore.when` does not hold, nothing is explored.
    expect(chooseShares(policy, { taskType: "summarize", contextTokens: 500, toolCount: 0 })).toEqual([{ model: "mini", share: 1, ruleId: null }]);
    // A trace stays on one model, explored or not.
    const run = Array.from({ length: 5 }, (_, i) => choose(policy, { ...features("extract", i), traceId: "run-1" }).model);
    expect(new Set(run).size).toBe(1);
  });

  it("validates explore: a rate in (0, 1] and at least one model", () => {
    expect(policySchema.safeParse({ defaultModel: "m", explore: { rate: 0, models: ["n"] } }).success).toBe(false);
    expect(policySchema.safeParse({ defaultModel: "m", explore: { rate: 0.02, models: [] } }).success).toBe(false);
    expect(policySchema.safeParse({ defaultModel: "m", explore: { rate: 0.02, models: ["n"] } }).success).toBe(true);
  });
});
