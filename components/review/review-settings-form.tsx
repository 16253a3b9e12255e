"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { reviewSettingsAction } from "@/lib/review/actions";

type Props = { slug: string; perDay: number; failures: boolean; hourly: number | null; canEdit: boolean };

export function ReviewSettingsForm({ slug, perDay, failures, hourly, canEdit }: Props) {
  const [state, action] = useActionState(reviewSettingsAction.bind(null, slug), {});
  return (
    <form action={action} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-3">
      <Field label="Calls per task type × model per day" name="perDay" type="number" min={0} max={1000} step={1} defaultValue={perDay} disabled={!canEdit}
        error={state.fieldErrors?.perDay} hint="A random sample of unlabeled calls with captured output, shadow calls included." />
      <Field label="Reviewer cost ($ per hour)" name="hourly" type="number" min={0} step={0.01} defaultValue={hourly ?? ""} disabled={!canEdit}
        error={state.fieldErrors?.hourly} hint="Turns measured review time into review cost." />
      <label className="flex items-center gap-2 text-sm text-gray-700">
        <input type="checkbox" name="failures" defaultChecked={failures} disabled={!canEdit} className="h-4 w-4" />
        Also every call an evaluator failed
      </label>
      {canEdit && <div><SubmitButton variant="secondary" pendingLabel="Saving…">Save review plan</SubmitButton></div>}
      {state.ok && <div className="sm:col-span-3"><Alert tone="success">Saved.</Alert></div>}
      {state.error && !state.fieldErrors?.perDay && !state.fieldErrors?.hourly && <div className="sm:col-span-3"><Alert>{state.error}</Alert></div>}
    </form>
  );
}
