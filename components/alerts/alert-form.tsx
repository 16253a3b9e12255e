"use client";
// A new alert: kind, scope, the one threshold the kind reads, its window and an optional webhook.
import { startTransition, useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { createAlertAction } from "@/lib/alerts/actions";
import { THRESHOLD_INPUT } from "@/lib/alerts/thresholds";
import { ALERT_KINDS, type AlertKind } from "@/lib/alerts/schema";
import type { ActionState } from "@/lib/http/action";

const KIND_LABELS: Record<AlertKind, string> = {
  success_rate: "Success rate below a floor", error_rate: "Error rate above a ceiling", latency_p95: "Latency p95 above a ceiling",
  spend_daily: "Spend today above a budget", spend_month: "Spend this month (projected) above a budget", silence: "No calls (the SDK went quiet)", unpriced: "Calls on models without a price",
};

export function AlertForm({ slug, dimensions }: { slug: string; dimensions: { taskTypes: string[]; models: string[] } }) {
  const [state, create, pending] = useActionState(createAlertAction.bind(null, slug), {} as ActionState<string>);
  const [kind, setKind] = useState<AlertKind>("success_rate");
  const errors = state.fieldErrors ?? {};
  const input = THRESHOLD_INPUT[kind];
  const any = (values: string[]) => [{ value: "", label: "Any" }, ...values.map((v) => ({ value: v, label: v }))];
  return (
    <form aria-label="New alert" noValidate className="space-y-4"
      onSubmit={(ev) => { ev.preventDefault(); const form = new FormData(ev.currentTarget); startTransition(() => create(form)); }}>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" name="name" required maxLength={80} placeholder="Extract success" error={errors.name} />
        <SelectField label="Kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as AlertKind)} error={errors.kind}
          options={ALERT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} />
        <SelectField label="Task type" name="taskType" options={any(dimensions.taskTypes)} error={errors.taskType} />
        <SelectField label="Model" name="model" options={any(dimensions.models)} error={errors.model} />
        {input && <Field label={input.label} name="threshold" type="number" step="any" required error={errors.threshold}
          hint={kind === "success_rate" ? "Fires only when the 99% interval of the window's labeled calls lies below it, on 30 or more." : undefined} />}
        <Field label="Window (minutes)" name="windowMinutes" type="number" min={5} max={10080} defaultValue={60} error={errors.windowMinutes}
          hint={kind === "silence" ? "Fires when the window had no calls but the day before did." : "The span each evaluation judges, every minute."} />
      </div>
      <fieldset className="grid gap-3 rounded-md border border-gray-200 p-3 sm:grid-cols-3">
        <legend className="px-1 text-sm font-medium text-gray-800">Webhook (optional)</legend>
        <Field label="URL" name="webhookUrl" type="url" placeholder="https://hooks.example.com/…" error={errors.webhookUrl} />
        <Field label="Signing secret" name="webhookSecret" type="password" minLength={16} error={errors.webhookSecret}
          hint="HMAC-SHA256 of the body in X-Switchyard-Signature." />
        <SelectField label="Body" name="webhookFormat" options={[{ value: "json", label: "JSON" }, { value: "slack", label: "Slack-compatible" }]} error={errors.webhookFormat} />
      </fieldset>
      {state.error && !Object.keys(errors).length && <Alert>{state.error}</Alert>}
      {state.ok && <Alert tone="success">Alert created. It is evaluated every minute from now.</Alert>}
      <button type="submit" className={buttonClass()} disabled={pending}>{pending ? "Creating…" : "Create alert"}</button>
    </form>
  );
}
