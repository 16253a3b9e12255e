import { describe, expect, it } from "vitest";
import { agreementOf } from "@/lib/review/kappa";

const pairs = (counts: { pp: number; pf: number; fp: number; ff: number }): [number, number][] => [
  ...Array.from({ length: counts.pp }, () => [1, 1] as [number, number]), ...Array.from({ length: counts.pf }, () => [1, 0] as [number, number]),
  ...Array.from({ length: counts.fp }, () => [0, 1] as [number, number]), ...Array.from({ length: counts.ff }, () => [0, 0] as [number, number]),
];

describe("agreement and Cohen's kappa", () => {
  it("matches a hand-computed table", () => {
    // 20 both pass, 5 human pass / judge fail, 10 human fail / judge pass, 15 both fail (n = 50):
    // observed 0.7; chance 0.5 × 0.6 + 0.5 × 0.4 = 0.5; kappa (0.7 − 0.5) / 0.5 = 0.4.
    const a = agreementOf(pairs({ pp: 20, pf: 5, fp: 10, ff: 15 }));
    expect(a.n).toBe(50);
    expect(a.agreement).toBeCloseTo(0.7, 12);
    expect(a.kappa).toBeCloseTo(0.4, 12);
  });

  it("is 1 for perfect agreement, 0 for agreement at chance, negative below it", () => {
    expect(agreementOf(pairs({ pp: 10, pf: 0, fp: 0, ff: 10 })).kappa).toBe(1);
    expect(agreementOf(pairs({ pp: 25, pf: 25, fp: 25, ff: 25 })).kappa).toBeCloseTo(0, 12);
    expect(agreementOf(pairs({ pp: 0, pf: 10, fp: 10, ff: 0 })).kappa).toBe(-1);
  });

  it("has no kappa when both raters always give the same single verdict, and nothing without pairs", () => {
    expect(agreementOf(pairs({ pp: 8, pf: 0, fp: 0, ff: 0 }))).toEqual({ n: 8, agreement: 1, kappa: null });
    expect(agreementOf([])).toEqual({ n: 0, agreement: null, kappa: null });
  });
});
