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
  const dollars = Number(nanos) / 1e9;
  const abs = Math.abs(dollars);
  const text = abs >= 1
    ? abs.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : abs.toFixed(abs >= 0.01 ? 4 : 6).replace(/0+$/, "").replace(/\.(\d?)$/, (_m, d: string) => `.${d.padEnd(2, "0")}`);
  return `${dollars < 0 ? "−" : ""}$${text}`;
}
