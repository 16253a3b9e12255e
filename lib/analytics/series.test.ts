import { describe, expect, it } from "vitest";
import { niceCeil } from "@/lib/analytics/series";

describe("niceCeil", () => {
  it("rounds an axis end up to 1, 2, 2.5 or 5 times a power of ten", () => {
    expect([0.000979, 0.953, 12_350, 0.019, 2, 0].map(niceCeil)).toEqual([0.001, 1, 20_000, 0.02, 2, 0]);
    expect(niceCeil(0.0021)).toBeCloseTo(0.0025, 12);
    expect(niceCeil(4.2)).toBe(5);
  });
});
