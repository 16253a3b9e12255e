"use client";
import { useActionState } from "react";
import { createTeamAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

export function CreateTeamForm() {
  const [state, action] = useActionState(createTeamAction, {});
  return (
    <form action={action} className="space-y-4">
      {state.error && !state.fieldErrors?.name && <Alert>{state.error}</Alert>}
      <Field label="Team name" name="name" required maxLength={64} error={state.fieldErrors?.name} hint="You can rename it later." />
      <SubmitButton pendingLabel="Creating…">Create team</SubmitButton>
    </form>
  );
}
