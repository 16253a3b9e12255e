// Exact money: prices are integer micro-dollars per 1M tokens, costs integer nano-dollars (BigInt).
// Dollars appear only at the edges (JSON, forms), parsed from decimal text, never summed as floats.

/** 0.4 or "$0.40" (per 1M tokens) → 400000n. At most 6 decimals; null for anything else. */
export function dollarsToMicros(value: string | number): bigint | null {
  const text = typeof value === "number" ? String(value) : value.trim().replace(/^\$/, "");
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}

/** A nano-dollar amount as dollars for JSON; the sum behind it was exact. */
export function nanosToDollars(nanos: bigint): number {
  return Number(nanos) / 1e9;
}

/** A per-1M-token price with as many decimals as it has, at least two: $0.40, $0.025, $1.25. */
export function formatPerMTok(micros: bigint | null): string {
  if (micros === null) return "—";
  const [whole, frac] = (Number(micros) / 1e6).toFixed(6).split(".");
  return `$${whole}.${frac.replace(/0+$/, "").padEnd(2, "0")}`;
}

/**
 * Nano-dollars for display: cents with thousands separators from a dollar up; below it up to four decimals
 * (six below a cent) without trailing zeros (a few test calls are not "$0.00", a cost per task of $0.000285 stays readable).
 */
export function formatSpend(nanos: bigint | number): string {
  return formatSpendFixed(nanos, spendDecimals(nanos));
}

/** Nano-dollars with a given number of decimals (a column's: columnDecimals). */
export function formatSpendFixed(nanos: bigint | number, decimals: number): string {
  const dollars = Number(nanos) / 1e9;
  const text = Math.abs(dollars).toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `${dollars < 0 ? "−" : ""}$${text}`;
}

/** The decimals formatSpend gives an amount by itself: 2 from a dollar up, else up to 4 (6 below a cent), trailing zeros dropped. */
export function spendDecimals(nanos: bigint | number): number {
  const abs = Math.abs(Number(nanos) / 1e9);
  if (abs >= 1) return 2;
  const digits = abs.toFixed(abs >= 0.01 ? 4 : 6).replace(/0+$/, "").split(".")[1] ?? "";
  return Math.max(2, digits.length);
}

/** One precision for a column of amounts (the most any of them needs), so its digits line up. */
export function columnDecimals(amounts: (bigint | number | null)[]): number {
  return amounts.reduce<number>((d, a) => (a === null || Number(a) === 0 ? d : Math.max(d, spendDecimals(a))), 2);
}
