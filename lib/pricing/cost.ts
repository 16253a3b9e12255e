// Pricing one call: the catalog entry in effect at the call's timestamp, integer arithmetic throughout.

export type Price = { model: string; effectiveFrom: Date; inputMicros: bigint; outputMicros: bigint; cachedInputMicros: bigint | null };
export type Usage = { inputTokens: number; outputTokens: number; cachedTokens?: number | null };

/** Prices by model, newest first, so the first entry at or before a timestamp is the one in force. */
export function indexPrices(prices: Price[]): Map<string, Price[]> {
  const byModel = new Map<string, Price[]>();
  for (const p of prices) byModel.set(p.model, [...(byModel.get(p.model) ?? []), p]);
  for (const list of byModel.values()) list.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
  return byModel;
}

export function priceAt(index: Map<string, Price[]>, model: string, at: Date): Price | null {
  return index.get(model)?.find((p) => p.effectiveFrom.getTime() <= at.getTime()) ?? null;
}

/**
 * Nano-dollars for one call. Prices are micro-dollars per 1M tokens, so tokens × price / 1000 is
 * nano-dollars; the division is done once per call and rounds half up. Cached input tokens are part
 * of the input tokens and billed at the cached price (the input price when none is set); reasoning
 * tokens are already counted in the output tokens.
 */
export function costNanos(usage: Usage, price: Price): bigint {
  const cached = BigInt(usage.cachedTokens ?? 0);
  const uncached = BigInt(usage.inputTokens) - cached;
  const picoish =
    uncached * price.inputMicros + cached * (price.cachedInputMicros ?? price.inputMicros) + BigInt(usage.outputTokens) * price.outputMicros;
  return (picoish + 500n) / 1000n;
}
