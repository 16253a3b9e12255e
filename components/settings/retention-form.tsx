"use client";
import { useActionState, useState } from "react";
import { setRetentionAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function RetentionForm({ slug, retentionDays, contentRetentionDays, canEdit }: { slug: string; retentionDays: number; contentRetentionDays: number | null; canEdit: boolean }) {
  const [state, action] = useActionState(setRetentionAction.bind(null, slug), {});
  // Controlled, so a refused save keeps what was typed (a form action resets uncontrolled inputs).
  const [calls, setCalls] = useState(String(retentionDays));
  const [content, setContent] = useState(contentRetentionDays === null ? "" : String(contentRetentionDays));
  return (
    <form action={action} className="space-y-3">
      <p className="text-sm text-gray-600">
        Older raw calls are removed with their content, evaluator scores and reviews, within a minute of a change and daily after.
        Hourly and daily rollups are kept, so the dashboards and the simulator still answer for those days (a simulation that needs single calls says where it answered at bucket level).
      </p>
      {state.ok && <Alert tone="success">Saved. Removal of what is now past retention has started.</Alert>}
      {state.error && !state.fieldErrors?.retentionDays && !state.fieldErrors?.contentRetentionDays && <Alert>{state.error}</Alert>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Keep calls (days)" name="retentionDays" type="number" min={1} max={3650} step={1} value={calls} onChange={(e) => setCalls(e.target.value)} required disabled={!canEdit}
          error={state.fieldErrors?.retentionDays} hint="Default 90." />
        <Field label="Keep content (days)" name="contentRetentionDays" type="number" min={1} max={3650} step={1} value={content} onChange={(e) => setContent(e.target.value)} disabled={!canEdit}
          error={state.fieldErrors?.contentRetentionDays} hint="Empty: as long as the calls. At most the calls' days." />
      </div>
      {canEdit ? <SubmitButton variant="secondary" pendingLabel="Saving…">Save retention</SubmitButton> : <p className="text-xs text-gray-500">Only owners and admins can change retention.</p>}
    </form>
  );
}
