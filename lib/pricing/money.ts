// Exact money: prices are integer micro-dollars per 1M tokens, costs integer nano-dollars (BigInt).
// Dollars appear only at the edges (JSON, forms), parsed from decimal text, never summed as floats.

/** 0.4 or "$0.40" (per 1M tokens) → 400000n. At most 6 decimals; null for anything else. */
export function dollarsToMicros(value: string | number): bigint | null {
  const text = typeof value === "number" ? String(value) : value.trim().replace(/^\$/, "");
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(text);
  if (!m) return null;
  return BigInt(m[1]) * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}

export function microsToDollars(micros: bigint): number {
  return Number(micros) / 1e6;
}

/** A nano-dollar amount as dollars for JSON; the sum behind it was exact. */
export function nanosToDollars(nanos: bigint): number {
  return Number(nanos) / 1e9;
}

export function formatUsd(nanos: bigint | null): string {
  if (nanos === null) return "unpriced";
  const dollars = nanosToDollars(nanos);
  return dollars !== 0 && Math.abs(dollars) < 0.01 ? `$${dollars.toFixed(6)}` : `$${dollars.toFixed(2)}`;
}
