"use client";
import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { setPolicySettingsAction } from "@/lib/policies/actions";

export function GateForm({ slug, floor, tolerance, canEdit }: { slug: string; floor: number | null; tolerance: number; canEdit: boolean }) {
  const [state, action] = useActionState(setPolicySettingsAction.bind(null, slug), {});
  return (
    <form action={action} className="grid grid-cols-1 items-end gap-3 sm:grid-cols-3">
      <Field label="Success floor (%)" name="floor" type="number" min={0} max={100} step={0.1} defaultValue={floor === null ? "" : Math.round(floor * 1000) / 10}
        disabled={!canEdit} error={state.fieldErrors?.floor} hint="Empty: no gate. Publishing below it on a well-evidenced task type needs a written override." />
      <Field label="Suggest tolerance (points)" name="tolerance" type="number" min={0} max={50} step={0.1} defaultValue={Math.round(tolerance * 1000) / 10}
        disabled={!canEdit} error={state.fieldErrors?.tolerance} hint="How far below the best model a cheaper one may be." />
      {canEdit && <div><SubmitButton variant="secondary" pendingLabel="Saving…">Save gate settings</SubmitButton></div>}
      {state.ok && <div className="sm:col-span-3"><Alert tone="success">Saved.</Alert></div>}
      {state.error && !state.fieldErrors?.floor && !state.fieldErrors?.tolerance && <div className="sm:col-span-3"><Alert>{state.error}</Alert></div>}
    </form>
  );
}
