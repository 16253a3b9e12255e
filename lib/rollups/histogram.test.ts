import { describe, expect, it } from "vitest";
import { addToHistogram, bucketOf, bucketValue, mergeHistograms, quantile, type Histogram } from "@/lib/rollups/histogram";

function exactQuantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

describe("log-bucket histograms", () => {
  it("read every value back within 2%", () => {
    for (let v = 1; v < 1_000_000; v *= 1.013) expect(Math.abs(bucketValue(bucketOf(v)) - v) / v).toBeLessThanOrEqual(0.0201);
  });

  it("give quantiles within 2.5% of the exact ones, also after merging", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 5000; i++) a.push(200 + 800 * random() ** 2);
    for (let i = 0; i < 3000; i++) b.push(900 + 4000 * random());
    const ha: Histogram = {};
    const hb: Histogram = {};
    a.forEach((v) => addToHistogram(ha, v));
    b.forEach((v) => addToHistogram(hb, v));
    const merged = mergeHistograms(ha, hb);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = exactQuantile([...a, ...b], q);
      expect(Math.abs(quantile(merged, q)! - exact) / exact).toBeLessThan(0.025);
    }
  });

  it("has no quantile when empty", () => expect(quantile({}, 0.5)).toBeNull());
});
