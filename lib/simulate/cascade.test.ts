import { describe, expect, it } from "vitest";
import { breakEven, cascadeAdvice } from "@/lib/simulate/cascade";

/** Cost per successful task of the cascade at cheap success p, straight from its definition. */
function cascadeCostPerSuccess(p: number, c: number, m: number, q: number, d: number, r: number) {
  return (c + (1 - p) * d * m + r * (1 - p) * (1 - d * q)) / (p + (1 - p) * d * q);
}

describe("cascade break-even", () => {
  it("is q·c/m without review cost, whatever the detection rate", () => {
    // nano at a quarter of mini's cost per task, mini right 91% of the time.
    for (const d of [0.2, 0.6, 1]) expect(breakEven({ cheapCostUsd: 0.001, midCostUsd: 0.004, midSuccess: 0.91, detected: d, reviewCostUsd: 0 })).toBeCloseTo(0.2275, 10);
  });

  it("is where the cascade's cost per success meets the mid-tier's, review cost included", () => {
    const [c, m, q, d, r] = [0.001, 0.004, 0.91, 0.5, 0.5];
    const p = breakEven({ cheapCostUsd: c, midCostUsd: m, midSuccess: q, detected: d, reviewCostUsd: r })!;
    expect(p).toBeGreaterThan(0.2275); // undetected failures cost review: the cheap model must be better
    expect(cascadeCostPerSuccess(p, c, m, q, d, r)).toBeCloseTo((m + r * (1 - q)) / q, 10);
    expect(cascadeCostPerSuccess(p + 0.01, c, m, q, d, r)).toBeLessThan((m + r * (1 - q)) / q);
  });

  it("says never when even a perfect cheap model cannot pay off, and picks the cheapest and dearest well-labeled models", () => {
    expect(breakEven({ cheapCostUsd: 0.005, midCostUsd: 0.004, midSuccess: 0.9, detected: 1, reviewCostUsd: 0 })).toBeNull();
    const advice = cascadeAdvice(
      [
        { model: "nano", costPerTaskUsd: 0.001, successRate: 0.78, low: null, high: null, labeled: 500 },
        { model: "mini", costPerTaskUsd: 0.004, successRate: 0.91, low: null, high: null, labeled: 500 },
        { model: "big", costPerTaskUsd: 0.02, successRate: 0.95, low: null, high: null, labeled: 5 },
      ],
      () => 0.5, 0, 30,
    );
    expect(advice).toEqual({ cheap: "nano", mid: "mini", breakEven: expect.closeTo(0.2275, 10), observed: 0.78 });
  });
});
