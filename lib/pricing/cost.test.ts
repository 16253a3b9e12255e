import { describe, expect, it } from "vitest";
import { costNanos, indexPrices, priceAt, type Price } from "@/lib/pricing/cost";
import { columnDecimals, dollarsToMicros, formatPerMTok, formatSpend, formatSpendFixed, nanosToDollars } from "@/lib/pricing/money";

const mini: Price = { model: "gpt-5.4-mini", effectiveFrom: new Date("2025-01-01"), inputMicros: 400_000n, outputMicros: 1_600_000n, cachedInputMicros: 40_000n };

describe("costNanos", () => {
  it("prices the article's day exactly: 40M input + 10M output on gpt-5.4-mini is $32.00", () => {
    expect(costNanos({ inputTokens: 40_000_000, outputTokens: 10_000_000 }, mini)).toBe(32_000_000_000n);
    expect(nanosToDollars(32_000_000_000n)).toBe(32);
  });

  it("adds the same day as 50,000 calls of 800 + 200 tokens to exactly the same total", () => {
    let total = 0n;
    for (let i = 0; i < 50_000; i++) total += costNanos({ inputTokens: 800, outputTokens: 200 }, mini);
    expect(total).toBe(32_000_000_000n);
  });

  it("bills cached input at the cached price", () => {
    expect(costNanos({ inputTokens: 1000, cachedTokens: 600, outputTokens: 0 }, mini)).toBe(400n * 400n + 600n * 40n);
    expect(costNanos({ inputTokens: 1000, cachedTokens: 600, outputTokens: 0 }, { ...mini, cachedInputMicros: null })).toBe(1000n * 400n);
  });
});

describe("priceAt", () => {
  it("uses the price in effect at the call's time", () => {
    const cheaper = { ...mini, effectiveFrom: new Date("2026-06-01"), inputMicros: 300_000n };
    const index = indexPrices([mini, cheaper]);
    expect(priceAt(index, "gpt-5.4-mini", new Date("2026-05-31T23:59:59Z"))).toBe(mini);
    expect(priceAt(index, "gpt-5.4-mini", new Date("2026-06-01T00:00:00Z"))).toBe(cheaper);
    expect(priceAt(index, "gpt-5.4-mini", new Date("2024-12-31"))).toBeNull();
    expect(priceAt(index, "unknown-model", new Date())).toBeNull();
  });
});

describe("dollarsToMicros", () => {
  it("parses decimal dollars exactly and refuses what it cannot represent", () => {
    expect(dollarsToMicros(0.4)).toBe(400_000n);
    expect(dollarsToMicros("$1.60")).toBe(1_600_000n);
    expect(dollarsToMicros("0.075")).toBe(75_000n);
    for (const bad of ["-1", "abc", "0.0000001", 1e-7, Number.NaN, ""]) expect(dollarsToMicros(bad)).toBeNull();
  });
});

describe("formatPerMTok", () => {
  it("shows as many decimals as the price has, at least two", () => {
    expect([400_000n, 25_000n, 1_250_000n, 10_000_000n, 1n].map(formatPerMTok)).toEqual(["$0.40", "$0.025", "$1.25", "$10.00", "$0.000001"]);
  });
});

describe("formatSpend", () => {
  it("shows cents from a dollar up and four decimals below", () => {
    expect([32_000_000_000n, 2_400_000n, 0n].map(formatSpend)).toEqual(["$32.00", "$0.0024", "$0.00"]);
    expect([1_234_567_000_000n, 285_000n, -33_610_000_000n].map(formatSpend)).toEqual(["$1,234.57", "$0.000285", "−$33.61"]);
  });

  it("gives a column one precision, the most any of its amounts needs", () => {
    const column = [1_200_000_000n, 140_000n, 2_400_000n, 0n, null];
    const decimals = columnDecimals(column);
    expect(decimals).toBe(5);
    expect(column.map((n) => (n === null ? null : formatSpendFixed(n, decimals)))).toEqual(["$1.20000", "$0.00014", "$0.00240", "$0.00000", null]);
    expect(columnDecimals([32_000_000_000n, 10_000_000n])).toBe(2);
  });
});
