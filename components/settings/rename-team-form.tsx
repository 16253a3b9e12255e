"use client";
import { useActionState } from "react";
import { renameTeamAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function RenameTeamForm({ slug, name, canEdit }: { slug: string; name: string; canEdit: boolean }) {
  const [state, action] = useActionState(renameTeamAction.bind(null, slug), {});
  return (
    <form action={action} className="space-y-3">
      {state.ok && <Alert tone="success">Team renamed.</Alert>}
      {state.error && !state.fieldErrors?.name && <Alert>{state.error}</Alert>}
      <Field label="Team name" name="name" defaultValue={name} required maxLength={64} disabled={!canEdit} error={state.fieldErrors?.name}
        hint={canEdit ? `The address stays /${slug}.` : "Only owners and admins can rename the team."} />
      {canEdit && <SubmitButton pendingLabel="Saving…">Save name</SubmitButton>}
    </form>
  );
}
