// Named distributions for the demo traffic generator; all draws come from one seeded PRNG so that the
// same seed always produces the same traffic (and a resumed seeding produces the same ids).

export type Random = () => number;

/** mulberry32: small, fast, good enough for synthetic traffic. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normal(random: Random, mean = 0, sd = 1): number {
  const u = 1 - random();
  const v = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Log-normal by its median and a spread (σ of the underlying normal). */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(normal(random, 0, sigma));
}

export function chance(random: Random, p: number): boolean {
  return random() < p;
}

export function pickWeighted<T extends string>(random: Random, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}

export function intBetween(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** Relative traffic by UTC hour: quiet nights, a morning ramp, an afternoon peak. */
export const HOURLY_SHAPE = [0.25, 0.2, 0.18, 0.18, 0.2, 0.3, 0.5, 0.8, 1.1, 1.3, 1.4, 1.45, 1.4, 1.5, 1.6, 1.55, 1.4, 1.2, 1.0, 0.8, 0.65, 0.5, 0.4, 0.3];

/** Weekends carry about 40% of a weekday's traffic. */
export const weekdayFactor = (day: Date) => ([0, 6].includes(day.getUTCDay()) ? 0.4 : 1);
