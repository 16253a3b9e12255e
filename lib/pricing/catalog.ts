// The catalog every new team starts with (contracts §8): OpenAI list prices in dollars per 1M tokens.
// gpt-5.4 mini and nano are the figures the product was built around; cached-input prices follow
// OpenAI's usual discount for each family. Teams edit all of this in Settings → Models.
export const DEFAULT_EFFECTIVE_FROM = new Date("2025-01-01T00:00:00Z");

export const DEFAULT_PRICES: { model: string; input: string; output: string; cachedInput: string }[] = [
  { model: "gpt-5.4", input: "1.25", output: "10.00", cachedInput: "0.125" },
  { model: "gpt-5.4-mini", input: "0.40", output: "1.60", cachedInput: "0.04" },
  { model: "gpt-5.4-nano", input: "0.10", output: "0.40", cachedInput: "0.01" },
  { model: "gpt-4.1", input: "2.00", output: "8.00", cachedInput: "0.50" },
  { model: "gpt-4.1-mini", input: "0.40", output: "1.60", cachedInput: "0.10" },
  { model: "gpt-4.1-nano", input: "0.10", output: "0.40", cachedInput: "0.025" },
  { model: "gpt-4o", input: "2.50", output: "10.00", cachedInput: "1.25" },
  { model: "gpt-4o-mini", input: "0.15", output: "0.60", cachedInput: "0.075" },
  { model: "o4-mini", input: "1.10", output: "4.40", cachedInput: "0.275" },
];
