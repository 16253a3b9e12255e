"use client";
// Create an evaluator, or save a change as its next version. Submitted by hand rather than through the
// form's action prop: React resets a form after its action runs, which would throw away a long schema
// or rubric whenever the server refuses it.
import { useActionState, useState, startTransition } from "react";
import { ConfigFields } from "@/components/evaluators/config-fields";
import { KIND_INFO } from "@/components/evaluators/describe";
import { ScopeFields } from "@/components/evaluators/scope-fields";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { saveEvaluatorAction } from "@/lib/evaluators/actions";
import type { ActionState } from "@/lib/http/action";
import type { EvaluatorSummary } from "@/lib/evaluators/page-data";

type Props = {
  slug: string;
  evaluator?: EvaluatorSummary;
  dimensions: { taskTypes: string[]; models: string[] };
};

const NEW = { name: "", kind: "json_schema", config: {} as Record<string, unknown>, scope: { production: true, shadow: true }, sampleRate: 1, enabled: true, version: 0 };
const KIND_OPTIONS = Object.entries(KIND_INFO).map(([value, { label }]) => ({ value, label }));

/** The issue at a field, or at one of its list items ("scope.taskTypes.2"). */
function issueAt(errors: Record<string, string>, path: string) {
  const key = Object.keys(errors).find((k) => k === path || new RegExp(`^${path.replace(/\./g, "\\.")}\\.\\d+$`).test(k));
  return key ? errors[key] : undefined;
}

export function EvaluatorForm({ slug, evaluator, dimensions }: Props) {
  const e = evaluator ?? NEW;
  const [state, save, pending] = useActionState(saveEvaluatorAction.bind(null, slug, evaluator?.id ?? null), {} as ActionState<number>);
  const [kind, setKind] = useState(e.kind);
  const errors = state.fieldErrors ?? {};
  const error = (path: string) => issueAt(errors, path);
  return (
    <form
      aria-label={evaluator ? "Change evaluator" : "New evaluator"}
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        const form = new FormData(ev.currentTarget);
        startTransition(() => save(form));
      }}
      className="space-y-5"
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Name" name="name" required maxLength={80} defaultValue={e.name} placeholder="Invoice JSON" error={error("name")} />
        <SelectField label="Kind" name="kind" value={kind} onChange={(ev) => setKind(ev.target.value)} options={KIND_OPTIONS}
          error={error("kind")} hint={KIND_INFO[kind]?.help} />
      </div>
      <ConfigFields key={kind} kind={kind} config={kind === e.kind ? e.config : {}} hasApiKey={kind === e.kind && e.config.hasApiKey === true} error={error} />
      {error("config") && <p role="alert" className="text-sm text-red-700"><code>config</code>: {error("config")}</p>}
      <ScopeFields scope={e.scope} dimensions={dimensions} error={error} />
      <div className="grid items-start gap-3 sm:grid-cols-2">
        <Field label="Sampling rate (%)" name="sampleRate" type="number" min={0} max={100} step="any" required
          defaultValue={Math.round(e.sampleRate * 1000) / 10} error={error("sampleRate")}
          hint="The share of calls in scope that get a verdict; the same calls each time." />
        <label className="flex items-start gap-2 pt-1 text-sm sm:pt-7">
          <input type="checkbox" name="enabled" defaultChecked={e.enabled} className="mt-0.5 h-4 w-4" />
          <span><span className="font-medium">Enabled</span>: check new calls as they arrive.</span>
        </label>
      </div>
      {state.ok && state.data !== undefined && <Alert tone="success">Saved as version {state.data}. Its results start again from this version&apos;s verdicts.</Alert>}
      {state.error && (
        <Alert>
          {Object.keys(errors).length ? (
            <>
              <p className="font-medium">Not saved: fix the fields marked above.</p>
              <ul className="mt-1 list-disc pl-5">
                {Object.entries(errors).map(([path, message]) => <li key={path}><code>{path}</code>: {message}</li>)}
              </ul>
            </>
          ) : state.error}
        </Alert>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass()}>
          {pending ? "Saving…" : evaluator ? `Save as version ${e.version + 1}` : "Create evaluator"}
        </button>
        {evaluator && (
          <p className="text-sm text-gray-600">
            A change makes version {e.version + 1}. Version {e.version}&apos;s verdicts are kept, but the results above count only the new version&apos;s.
          </p>
        )}
      </div>
    </form>
  );
}
