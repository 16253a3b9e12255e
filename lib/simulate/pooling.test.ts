import { describe, expect, it } from "vitest";
import { MAX_STRENGTH, priorStrength, shrink } from "@/lib/simulate/pooling";

describe("empirical-Bayes pooling", () => {
  it("pools fully when the cells agree beyond binomial noise, and barely when they clearly differ", () => {
    expect(priorStrength([{ success: 90, failure: 10 }, { success: 181, failure: 19 }, { success: 45, failure: 5 }])).toBe(MAX_STRENGTH);
    // 91% below 3,000 tokens, 62% above, hundreds of labels each: a weak prior.
    const differ = priorStrength([{ success: 910, failure: 90 }, { success: 310, failure: 190 }]);
    expect(differ).toBeLessThan(20);
    expect(differ).toBeGreaterThan(0);
    expect(priorStrength([{ success: 5, failure: 0 }])).toBe(MAX_STRENGTH);
  });

  it("moves a thin cell toward the prior and leaves a well-evidenced one near its own rate", () => {
    const strength = 10;
    expect(shrink(2, 2, 0.8, strength, 1000).p).toBeCloseTo((2 + 8) / 12, 12);
    expect(shrink(620, 1000, 0.8, strength, 2000).p).toBeCloseTo((620 + 8) / 1010, 12);
    // Fully pooled: the prior itself, with the prior's own uncertainty, not a smaller one.
    const pooled = shrink(3, 4, 0.8, MAX_STRENGTH, 500);
    expect(pooled.p).toBeCloseTo(0.8, 5);
    expect(pooled.variance).toBeCloseTo((pooled.p * (1 - pooled.p)) / 500, 9);
  });
});
