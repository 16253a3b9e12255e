"use client";
import { useActionState } from "react";
import { createKeyAction } from "@/lib/api-keys/actions";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, inputClass } from "@/components/ui/field";

const SCOPES = [
  { value: "ingest", label: "ingest (SDK): events, outcomes, policy" },
  { value: "read", label: "read (scripts, BI): analytics, simulate" },
  { value: "admin", label: "admin (CI): read + publish policies" },
];

export function CreateKeyForm({ slug }: { slug: string }) {
  const [state, action] = useActionState(createKeyAction.bind(null, slug), {});
  const errors = state.fieldErrors ?? {};
  return (
    <div className="space-y-4">
      {state.ok && state.data && (
        <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3" data-testid="new-key">
          <p className="text-sm font-medium text-green-900">
            Key “{state.data.name}” created. Copy the secret now: it is not stored and will not be shown again.
          </p>
          <div className="flex flex-wrap gap-2">
            <input id="new-key-secret" readOnly value={state.data.secret} aria-label="New API key secret"
              className={`${inputClass} min-w-0 flex-1 font-mono`} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={state.data.secret} targetId="new-key-secret" />
          </div>
        </div>
      )}
      {state.error && !Object.keys(errors).length && <Alert>{state.error}</Alert>}
      <form action={action} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <Field label="Name" name="name" placeholder="production SDK" required maxLength={64} error={errors.name} />
        <div className="space-y-1">
          <label htmlFor="scope" className="block text-sm font-medium text-gray-800">Scope</label>
          <select id="scope" name="scope" defaultValue="ingest" className={inputClass}>
            {SCOPES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
          {errors.scope && <p role="alert" className="text-sm text-red-700">{errors.scope}</p>}
        </div>
        <SubmitButton pendingLabel="Creating…">Create key</SubmitButton>
      </form>
    </div>
  );
}
