// The SNIPS estimator: hand-computed splits, what it refuses to estimate, and properties over random policies.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseShares, stableFraction, type Policy } from "@switchyard/sdk";
import { wilson } from "@/lib/analytics/stats";
import { estimateOffPolicy, type LoggedCall } from "@/lib/simulate/off-policy";

const MINI = "gpt-5.4-mini", NANO = "gpt-5.4-nano", PRO = "gpt-5.4-pro";
const features = { contextTokens: 1000, toolCount: 0 };
const half = { [MINI]: 0.5, [NANO]: 0.5 };

/** Logged under a 50/50 split of summarize: mini 3 of 4 successes, nano 1 of 4. */
const logged: LoggedCall[] = [
  ...[1, 1, 1, 0].map((label) => ({ taskType: "summarize", model: MINI, features, propensity: 0.5, label: label as 0 | 1, loggingShares: half })),
  ...[1, 0, 0, 0].map((label) => ({ taskType: "summarize", model: NANO, features, propensity: 0.5, label: label as 0 | 1, loggingShares: half })),
];
const split = (arms: [string, number][]): Policy => ({ defaultModel: MINI, rules: [{ id: "s", when: {}, split: arms.map(([model, weight]) => ({ model, weight })) }] });

describe("estimateOffPolicy", () => {
  it("weighs a 50/50 split's calls by hand", () => {
    // All mini: w = 1 / 0.5 = 2 on the mini calls, 0 on nano; (2·3) / (2·4) = 0.75, ESS 8² / (4·2²) = 4.
    const allMini = estimateOffPolicy(logged, { defaultModel: MINI }).overall;
    expect(allMini).toMatchObject({ successRate: 0.75, ess: 4, calls: 8, coverage: 1, uncovered: [], reason: null });
    expect(allMini.low).toBeCloseTo(wilson(3, 4)!.low, 12);
    // 75/25: w = 1.5 on mini, 0.5 on nano; (1.5·3 + 0.5·1) / (1.5·4 + 0.5·4) = 5 / 8; ESS 8² / (4·1.5² + 4·0.5²) = 6.4.
    const mixed = estimateOffPolicy(logged, split([[MINI, 3], [NANO, 1]])).byTaskType.get("summarize")!;
    expect(mixed.successRate).toBeCloseTo(0.625, 12);
    expect(mixed.ess).toBeCloseTo(6.4, 12);
    expect(mixed.low! < 0.625 && 0.625 < mixed.high!).toBe(true);
  });

  it("divides by the logged propensity", () => {
    // Logged 80/20: mini 3 of 4 at p 0.8, nano 1 of 2 at p 0.2. Candidate 50/50: w = 0.625 on mini, 2.5 on nano;
    // (0.625·3 + 2.5·1) / (0.625·4 + 2.5·2) = 4.375 / 7.5; ESS 7.5² / (4·0.625² + 2·2.5²) = 4.
    const shares = { [MINI]: 0.8, [NANO]: 0.2 };
    const calls: LoggedCall[] = [
      ...[1, 1, 1, 0].map((label) => ({ taskType: "summarize", model: MINI, features, propensity: 0.8, label: label as 0 | 1, loggingShares: shares })),
      ...[1, 0].map((label) => ({ taskType: "summarize", model: NANO, features, propensity: 0.2, label: label as 0 | 1, loggingShares: shares })),
    ];
    const r = estimateOffPolicy(calls, split([[MINI, 1], [NANO, 1]])).overall;
    expect(r.successRate).toBeCloseTo(4.375 / 7.5, 12);
    expect(r.ess).toBeCloseTo(4, 12);
  });

  it("gives no estimate where the candidate picks a model the logging policy never chose", () => {
    const never = estimateOffPolicy(logged, { defaultModel: PRO }).byTaskType.get("summarize")!;
    expect(never).toMatchObject({ successRate: null, low: null, high: null, coverage: 0, uncovered: [{ model: PRO, share: 1 }] });
    expect(never.reason).toBe(`The candidate sends 100.0% of summarize to ${PRO} where the logging policy never chose it: no off-policy estimate there.`);
    const partly = estimateOffPolicy(logged, split([[MINI, 3], [PRO, 2]])).overall;
    expect(partly.successRate).toBeNull();
    expect(partly.coverage).toBeCloseTo(0.6, 12);
    expect(partly.reason).toContain(`sends 40.0% of all calls to ${PRO}`);
  });

  it("supports only the logged model when the logging version is unknown", () => {
    const unknown = logged.map((c) => ({ ...c, loggingShares: null }));
    const r = estimateOffPolicy(unknown, { defaultModel: MINI }).overall;
    expect(r.successRate).toBeNull();
    expect(r.coverage).toBe(0.5); // the nano calls' features: mini may never have been possible there
  });

  it("says so when the candidate's models are possible but no logged call took them", () => {
    const r = estimateOffPolicy(logged.filter((c) => c.model === MINI), { defaultModel: NANO }).overall;
    expect(r).toMatchObject({ successRate: null, coverage: 1, ess: 0 });
    expect(r.reason).toContain("No logged call");
  });

  it("has nothing to say without logged calls", () => {
    expect(estimateOffPolicy([], { defaultModel: MINI })).toEqual({ overall: expect.objectContaining({ calls: 0, successRate: null, coverage: null }), byTaskType: new Map() });
  });
});

const models = fc.constantFrom(MINI, NANO, PRO);
const policyArb: fc.Arbitrary<Policy> = fc.record({
  defaultModel: models,
  arms: fc.array(fc.tuple(models, fc.double({ min: 0.1, max: 10, noNaN: true })), { minLength: 1, maxLength: 3 }),
  onlyA: fc.boolean(),
  explore: fc.option(fc.record({ rate: fc.double({ min: 0.01, max: 0.5, noNaN: true }), models: fc.array(models, { minLength: 1, maxLength: 2 }) }), { nil: undefined }),
}).map(({ defaultModel, arms, onlyA, explore }) => ({
  defaultModel,
  rules: [{ id: "r", when: onlyA ? { taskType: ["a"] } : {}, split: arms.map(([model, weight]) => ({ model, weight })) }],
  ...(explore ? { explore } : {}),
}));
type Draw = { taskType: string; contextTokens: number; toolCount: number; label: 0 | 1; draw: string };
const callArb: fc.Arbitrary<Draw> = fc.record({ taskType: fc.constantFrom("a", "b"), contextTokens: fc.nat(10_000), toolCount: fc.nat(5), label: fc.constantFrom<0 | 1>(0, 1), draw: fc.string() });

/** Calls logged under `policy`: each model drawn from μ(·|x), with μ(model|x) as its propensity. */
function logUnder(policy: Policy, draws: Draw[]): LoggedCall[] {
  return draws.map(({ taskType, contextTokens, toolCount, label, draw }) => {
    const mu = chooseShares(policy, { taskType, contextTokens, toolCount });
    let point = stableFraction(draw);
    const pick = mu.find((s) => (point -= s.share) < 0) ?? mu[mu.length - 1];
    return { taskType, model: pick.model, features: { contextTokens, toolCount }, propensity: pick.share, label, loggingShares: Object.fromEntries(mu.map((s) => [s.model, s.share])) };
  });
}

describe("estimateOffPolicy properties", () => {
  it("equals the plain mean of the labels when the candidate is the logging policy", () => {
    fc.assert(fc.property(policyArb, fc.array(callArb, { minLength: 1, maxLength: 40 }), (policy, draws) => {
      const calls = logUnder(policy, draws);
      const r = estimateOffPolicy(calls, policy).overall;
      const k = calls.reduce((s, c) => s + c.label, 0);
      expect(r.coverage).toBe(1);
      expect(r.successRate).toBeCloseTo(k / calls.length, 9);
      expect(r.ess).toBeCloseTo(calls.length, 9);
      expect(r.low).toBeCloseTo(wilson(k, calls.length)!.low, 9);
    }));
  });

  it("does not change when every propensity is scaled by one factor", () => {
    fc.assert(fc.property(policyArb, policyArb, fc.array(callArb, { minLength: 1, maxLength: 40 }), fc.double({ min: 0.05, max: 1, noNaN: true }), (logging, candidate, draws, c) => {
      const calls = logUnder(logging, draws);
      const a = estimateOffPolicy(calls, candidate).overall;
      const b = estimateOffPolicy(calls.map((x) => ({ ...x, propensity: x.propensity * c })), candidate).overall;
      expect(b.coverage).toBe(a.coverage);
      expect(b.ess).toBeCloseTo(a.ess, 6);
      if (a.successRate === null) expect(b.successRate).toBeNull();
      else {
        expect(b.successRate).toBeCloseTo(a.successRate, 9);
        expect(b.low).toBeCloseTo(a.low!, 6);
      }
    }));
  });

  it("keeps the ESS between 1 and n and the estimate inside its interval", () => {
    fc.assert(fc.property(policyArb, policyArb, fc.array(callArb, { minLength: 1, maxLength: 40 }), (logging, candidate, draws) => {
      const calls = logUnder(logging, draws);
      for (const r of [estimateOffPolicy(calls, candidate).overall, ...estimateOffPolicy(calls, candidate).byTaskType.values()]) {
        expect(r.ess).toBeLessThanOrEqual(r.calls * (1 + 1e-12));
        if (r.ess > 0) expect(r.ess).toBeGreaterThanOrEqual(1 - 1e-12);
        if (r.successRate !== null) expect(r.low! <= r.successRate + 1e-12 && r.successRate <= r.high! + 1e-12).toBe(true);
      }
    }));
  });
});
