"use client";
import { useActionState } from "react";
import { createInviteAction } from "@/lib/teams/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { inputClass } from "@/components/ui/field";

export function InviteForm({ slug }: { slug: string }) {
  const [state, action] = useActionState(createInviteAction.bind(null, slug), {});
  const link = state.ok && state.data ? `${window.location.origin}${state.data}` : "";
  return (
    <div className="space-y-4">
      {link && (
        <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3" data-testid="invite-link">
          <p className="text-sm font-medium text-green-900">Invite link created. It works once and expires in 7 days.</p>
          <div className="flex flex-wrap gap-2">
            <input id="invite-url" readOnly value={link} aria-label="Invite link" className={`${inputClass} min-w-0 flex-1 font-mono`}
              onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={link} targetId="invite-url" />
          </div>
        </div>
      )}
      {state.error && <Alert>{state.error}</Alert>}
      <form action={action} className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="invite-role" className="block text-sm font-medium text-gray-800">Role</label>
          <select id="invite-role" name="role" defaultValue="member" className={inputClass}>
            <option value="admin">admin: manages members and keys</option>
            <option value="member">member: uses the dashboards</option>
            <option value="viewer">viewer: read only</option>
          </select>
        </div>
        <SubmitButton pendingLabel="Creating link…">Create invite link</SubmitButton>
      </form>
    </div>
  );
}
