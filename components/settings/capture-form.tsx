"use client";
import { useActionState } from "react";
import { setCaptureAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";

export function CaptureForm({ slug, enabled, canEdit }: { slug: string; enabled: boolean; canEdit: boolean }) {
  const [state, action] = useActionState(setCaptureAction.bind(null, slug), {});
  return (
    <form action={action} className="space-y-3">
      {state.ok && <Alert tone="success">Saved. It applies to calls logged from now on.</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="capture" defaultChecked={enabled} disabled={!canEdit} className="mt-0.5 h-4 w-4" />
        <span>
          Keep the prompt and response of each call (the SDK&apos;s <code>input</code> and <code>output</code>), up to 32 KiB each.
          Off by default: without it Switchyard stores only counts, timings and labels.
        </span>
      </label>
      {canEdit && <SubmitButton variant="secondary" pendingLabel="Saving…">Save capture setting</SubmitButton>}
    </form>
  );
}
