"use client";
import { useActionState, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { saveTaskTypeRulesAction } from "@/lib/otlp/actions";
import type { TaskTypeRule } from "@/lib/otlp/rules";

type Row = { field: TaskTypeRule["field"]; key: string; value: string; taskType: string };

const FIELDS: [Row["field"], string][] = [["span_name", "Span name"], ["service_name", "Service name"], ["function_id", "Function id / agent name"], ["attribute", "Attribute"]];

/** One row per rule, first match wins; sent as one JSON field so errors name rules.N.field. */
export function OtlpRulesForm({ slug, rules, canEdit }: { slug: string; rules: TaskTypeRule[]; canEdit: boolean }) {
  const [state, action] = useActionState(saveTaskTypeRulesAction.bind(null, slug), {});
  const [rows, setRows] = useState<Row[]>(rules.map((r) => ({ field: r.field, key: r.key ?? "", value: r.value, taskType: r.taskType })));
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const error = (i: number, f: string) => state.fieldErrors?.[`rules.${i}.${f}`];
  const payload = rows.map((r) => ({ field: r.field, ...(r.field === "attribute" ? { key: r.key } : {}), value: r.value, taskType: r.taskType }));
  return (
    <form action={action} className="space-y-3">
      {state.ok && <Alert tone="success">Saved. Spans exported from now on follow these rules.</Alert>}
      {state.error && <Alert>{state.error}</Alert>}
      <p className="text-sm text-gray-600">
        For OTLP spans that carry no <code>switchyard.task_type</code> (on the span or its resource): the first rule that matches names the
        task type; a value ending in <code>*</code> matches by prefix. Spans no rule matches land in <code>unmapped</code>.
      </p>
      <input type="hidden" name="rules" value={JSON.stringify(payload)} />
      {rows.length === 0 && <p className="text-sm text-gray-500">No rules yet.</p>}
      <ol className="space-y-3">
        {rows.map((r, i) => (
          <li key={i} className="grid grid-cols-1 gap-2 rounded-md border border-gray-200 p-3 sm:grid-cols-[10rem_1fr_1fr_1fr_auto] sm:items-start">
            <label className="text-sm">
              <span className="sr-only">Rule {i + 1}: match on</span>
              <select className={inputClass} value={r.field} disabled={!canEdit} onChange={(e) => set(i, { field: e.target.value as Row["field"] })}>
                {FIELDS.map(([v, label]) => <option key={v} value={v}>{label}</option>)}
              </select>
            </label>
            <label className="text-sm">
              <span className="sr-only">Rule {i + 1}: attribute</span>
              <input className={inputClass} placeholder={r.field === "attribute" ? "attribute, e.g. app.feature" : "—"} value={r.field === "attribute" ? r.key : ""}
                disabled={!canEdit || r.field !== "attribute"} onChange={(e) => set(i, { key: e.target.value })} aria-invalid={Boolean(error(i, "key"))} />
              {error(i, "key") && <span role="alert" className="text-red-700">{error(i, "key")}</span>}
            </label>
            <label className="text-sm">
              <span className="sr-only">Rule {i + 1}: value</span>
              <input className={inputClass} placeholder="value, e.g. chat gpt-*" value={r.value} disabled={!canEdit} onChange={(e) => set(i, { value: e.target.value })} aria-invalid={Boolean(error(i, "value"))} />
              {error(i, "value") && <span role="alert" className="text-red-700">{error(i, "value")}</span>}
            </label>
            <label className="text-sm">
              <span className="sr-only">Rule {i + 1}: task type</span>
              <input className={inputClass} placeholder="task type" value={r.taskType} disabled={!canEdit} onChange={(e) => set(i, { taskType: e.target.value })} aria-invalid={Boolean(error(i, "taskType"))} />
              {error(i, "taskType") && <span role="alert" className="text-red-700">{error(i, "taskType")}</span>}
            </label>
            {canEdit && <button type="button" className={buttonClass("secondary")} onClick={() => setRows(rows.filter((_, j) => j !== i))}>Remove</button>}
          </li>
        ))}
      </ol>
      {canEdit && (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={() => setRows([...rows, { field: "span_name", key: "", value: "", taskType: "" }])}>Add rule</button>
          <SubmitButton variant="secondary" pendingLabel="Saving…">Save rules</SubmitButton>
        </div>
      )}
      {!canEdit && <p className="text-sm text-gray-500">Only owners and admins can change these rules.</p>}
    </form>
  );
}
