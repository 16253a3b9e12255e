"use client";
import { useActionState } from "react";
import { setPriceAction } from "@/lib/pricing/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function PriceForm({ slug, model = "", today }: { slug: string; model?: string; today: string }) {
  const [state, action] = useActionState(setPriceAction.bind(null, slug), {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-3">
      {state.ok && <Alert tone="success">Price saved. Calls on this model from that date are being re-priced in the background (progress above).</Alert>}
      {state.error && !Object.keys(errors).length && <Alert>{state.error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label="Model" name="model" defaultValue={model} required error={errors.model} placeholder="gpt-5.4-mini" />
        <Field label="Effective from (UTC)" name="effectiveFrom" type="date" defaultValue={today} required error={errors.effectiveFrom} />
        <Field label="Input $ / 1M tokens" name="input" inputMode="decimal" required error={errors.input} placeholder="0.40" />
        <Field label="Output $ / 1M tokens" name="output" inputMode="decimal" required error={errors.output} placeholder="1.60" />
        <Field label="Cached input $ / 1M" name="cachedInput" inputMode="decimal" error={errors.cachedInput} placeholder="optional" />
      </div>
      <SubmitButton pendingLabel="Saving and re-pricing…">Save price</SubmitButton>
    </form>
  );
}
