"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/http/action";
import { SubmitButton } from "@/components/ui/button";

type Props<T> = {
  action: (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  confirm?: string;
  variant?: "secondary" | "danger";
  children?: React.ReactNode;
};

/** A one-button form for a row of a table (revoke, remove, change role), with its error beside it. */
export function InlineAction<T>({ action, fields, label, pendingLabel, confirm, variant = "danger", children }: Props<T>) {
  const [state, run] = useActionState(action, {} as ActionState<T>);
  return (
    <form
      action={run}
      onSubmit={(e) => { if (confirm && !window.confirm(confirm)) e.preventDefault(); }}
      className="flex items-center gap-2"
    >
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      {children}
      <SubmitButton variant={variant} pendingLabel={pendingLabel}>{label}</SubmitButton>
      {state.error && <span role="alert" className="text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
