"use client";
import { useActionState } from "react";
import { acceptInviteAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInviteAction.bind(null, token), {});
  return (
    <form action={action} className="space-y-3">
      {state.error && <Alert>{state.error}</Alert>}
      <p className="text-sm text-gray-600">Signed in as {email}.</p>
      <SubmitButton pendingLabel="Joining…">Join team</SubmitButton>
    </form>
  );
}
