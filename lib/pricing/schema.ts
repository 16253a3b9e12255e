import { z } from "zod";
import { dollarsToMicros } from "@/lib/pricing/money";

const dollars = (what: string) =>
  z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const micros = dollarsToMicros(v);
      if (micros === null) ctx.addIssue({ code: "custom", message: `Enter the ${what} in dollars per 1M tokens, e.g. 0.40 (at most 6 decimals).` });
      return micros ?? 0n;
    });

export const priceFormSchema = z.object({
  model: z.string().trim().min(1, "Name the model.").max(128),
  effectiveFrom: z.iso.date("Pick the date the price takes effect.").transform((d) => new Date(`${d}T00:00:00Z`)),
  input: dollars("input price"),
  output: dollars("output price"),
  cachedInput: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const micros = dollarsToMicros(v);
      if (micros === null) ctx.addIssue({ code: "custom", message: "Enter the cached input price in dollars per 1M tokens, or leave it empty." });
      return micros;
    }),
});

export type PriceInput = z.output<typeof priceFormSchema>;
