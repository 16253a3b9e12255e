"use client";
import { useActionState } from "react";
import { setTimeZoneAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function TimeZoneForm({ slug, timeZone, zones, canEdit }: { slug: string; timeZone: string; zones: string[]; canEdit: boolean }) {
  const [state, action] = useActionState(setTimeZoneAction.bind(null, slug), {});
  return (
    <form action={action} className="space-y-3">
      {state.ok && <Alert tone="success">Saved. Days on every page now start at midnight in this zone.</Alert>}
      {state.error && !state.fieldErrors?.timeZone && <Alert>{state.error}</Alert>}
      <Field label="Time zone" name="timeZone" defaultValue={timeZone} required list="time-zones" autoComplete="off" disabled={!canEdit}
        error={state.fieldErrors?.timeZone}
        hint={canEdit ? "Where \"today\" and each day of the charts begin, e.g. Europe/Berlin." : "Only owners and admins can change the time zone."} />
      <datalist id="time-zones">
        {zones.map((z) => <option key={z} value={z} />)}
      </datalist>
      {canEdit && <SubmitButton variant="secondary" pendingLabel="Saving…">Save time zone</SubmitButton>}
    </form>
  );
}
