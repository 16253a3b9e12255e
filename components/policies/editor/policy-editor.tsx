"use client";
// The policy editor: ordered rules, default model, escalation, shadow samples and exploration, checked against the
// SDK's own schema on every change, with a live preview, drafts and publishing (gate included).
import { policySchema } from "@switchyard/sdk/core";
import { useActionState, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { publishPolicyAction, saveDraftAction } from "@/lib/policies/actions";
import { ConditionFields } from "./condition-fields";
import { ExploreFields } from "./explore-fields";
import { PreviewPanel } from "./preview-panel";
import { RuleCard } from "./rule-card";
import type { Draft, Issues, Rule } from "./types";

type Props = {
  slug: string; initial: Draft; draft: { id?: string; name: string }; models: string[]; taskTypes: string[];
  canSave: boolean; canPublish: boolean; floor: number | null;
};

export function PolicyEditor({ slug, initial, draft, models, taskTypes, canSave, canPublish, floor }: Props) {
  const [policy, setPolicy] = useState<Draft>(initial);
  const [showJson, setShowJson] = useState(false);
  // Controlled, because React resets a form after its action runs: a gate refusal must not lose the text.
  const [message, setMessage] = useState("");
  const [override, setOverride] = useState("");
  const checked = useMemo(() => policySchema.safeParse(policy), [policy]);
  const issues: Issues = useMemo(() => new Map(checked.success ? [] : checked.error.issues.map((i) => [i.path.join("."), i.message] as [string, string])), [checked]);
  const rules = policy.rules ?? [];
  const setRules = (next: Rule[]) => setPolicy({ ...policy, rules: next });
  const json = JSON.stringify(checked.success ? checked.data : policy);
  const [saveState, save] = useActionState(saveDraftAction.bind(null, slug), {});
  const [publishState, publish] = useActionState(publishPolicyAction.bind(null, slug), {});
  const gateBlocked = publishState.code === "policy_gate";
  const shadows = policy.shadow ?? [];

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
      <div className="space-y-4 xl:col-span-2">
        {!checked.success && (
          <Alert>
            <span className="font-medium">Not valid yet:</span>
            <ul className="list-disc pl-5">{[...issues].slice(0, 6).map(([p, m]) => <li key={p}>{p || "policy"}: {m}</li>)}</ul>
          </Alert>
        )}
        <section aria-label="Rules" className="space-y-2">
          <h2 className="text-base font-semibold">Rules, tried in order</h2>
          <ol className="space-y-2">
            {rules.map((rule, i) => (
              <RuleCard key={i} rule={rule} index={i} count={rules.length} models={models} taskTypes={taskTypes} issues={issues}
                onChange={(r) => setRules(rules.map((x, j) => (j === i ? r : x)))}
                onMove={(by) => { const next = [...rules]; [next[i], next[i + by]] = [next[i + by], next[i]]; setRules(next); }}
                onRemove={() => setRules(rules.filter((_, j) => j !== i))} />
            ))}
          </ol>
          <button type="button" className="text-sm text-blue-800 underline" onClick={() => setRules([...rules, { id: `rule-${rules.length + 1}`, when: {}, model: models[0] ?? "" }])}>+ Add a rule</button>
        </section>

        <section aria-label="Default and escalation" className="grid grid-cols-1 gap-3 rounded-lg border border-gray-200 bg-white p-3 md:grid-cols-2">
          <label className="text-sm font-medium">
            When no rule holds
            <select aria-label="Default model" value={policy.defaultModel} onChange={(e) => setPolicy({ ...policy, defaultModel: e.target.value })} className={`${inputClass} mt-1 py-1`}>
              {!models.includes(policy.defaultModel) && <option value={policy.defaultModel}>{policy.defaultModel}</option>}
              {models.map((m) => <option key={m} value={m}>{m}</option>)}
            </select>
          </label>
          <fieldset className="text-sm">
            <legend className="font-medium">Escalation</legend>
            <label className="flex items-center gap-1"><input type="checkbox" checked={Boolean(policy.escalation)}
              onChange={(e) => setPolicy({ ...policy, escalation: e.target.checked ? { model: models.find((m) => m.includes("mini")) ?? models[0] ?? "", on: ["error", "malformed_output"], maxAttempts: 2 } : undefined })} /> retry failed calls on another model</label>
            {policy.escalation && (
              <div className="mt-1 flex flex-wrap items-center gap-2">
                <select aria-label="Escalation model" value={policy.escalation.model} onChange={(e) => setPolicy({ ...policy, escalation: { ...policy.escalation!, model: e.target.value } })} className={`${inputClass} w-auto py-1`}>
                  {models.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
                {(["error", "malformed_output"] as const).map((kind) => (
                  <label key={kind} className="flex items-center gap-1"><input type="checkbox" checked={policy.escalation!.on.includes(kind)}
                    onChange={(e) => setPolicy({ ...policy, escalation: { ...policy.escalation!, on: e.target.checked ? [...policy.escalation!.on, kind] : policy.escalation!.on.filter((k) => k !== kind) } })} /> on {kind}</label>
                ))}
                <label className="flex items-center gap-1">attempts <input aria-label="Maximum attempts" type="number" min={2} max={5} value={policy.escalation.maxAttempts}
                  onChange={(e) => setPolicy({ ...policy, escalation: { ...policy.escalation!, maxAttempts: Number(e.target.value) } })} className={`${inputClass} w-16 py-1`} /></label>
                {issues.get("escalation.on") && <p role="alert" className="w-full text-xs text-red-700">{issues.get("escalation.on")}</p>}
              </div>
            )}
          </fieldset>
        </section>

        <section aria-label="Shadow samples" className="space-y-2 rounded-lg border border-gray-200 bg-white p-3">
          <h2 className="text-base font-semibold">Shadow samples</h2>
          <p className="text-xs text-gray-600">A share of matching calls is also sent to another model in the background, to gather evidence for the simulator.</p>
          {shadows.map((s, i) => (
            <div key={i} className="space-y-2 border-t border-gray-100 pt-2">
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <select aria-label={`Shadow ${i + 1} model`} value={s.model} onChange={(e) => setPolicy({ ...policy, shadow: shadows.map((x, j) => (j === i ? { ...x, model: e.target.value } : x)) })} className={`${inputClass} w-auto py-1`}>
                  {models.map((m) => <option key={m} value={m}>{m}</option>)}
                </select>
                <label className="flex items-center gap-1">sample % <input aria-label={`Shadow ${i + 1} sample percent`} type="number" min={0} max={100} step={0.1} value={Number.isFinite(s.sampleRate) ? s.sampleRate * 100 : ""}
                  onChange={(e) => setPolicy({ ...policy, shadow: shadows.map((x, j) => (j === i ? { ...x, sampleRate: e.target.value === "" ? NaN : Number(e.target.value) / 100 } : x)) })} className={`${inputClass} w-20 py-1`} /></label>
                <button type="button" onClick={() => setPolicy({ ...policy, shadow: shadows.filter((_, j) => j !== i) })} className="text-xs text-red-700 underline">remove</button>
              </div>
              <ConditionFields when={s.when ?? {}} onChange={(when) => setPolicy({ ...policy, shadow: shadows.map((x, j) => (j === i ? { ...x, when } : x)) })} taskTypes={taskTypes} issues={issues} path={`shadow.${i}.when`} id={`s${i}`} />
            </div>
          ))}
          <button type="button" className="text-sm text-blue-800 underline" onClick={() => setPolicy({ ...policy, shadow: [...shadows, { when: {}, model: models[0] ?? "", sampleRate: 0.05 }] })}>+ Add a shadow sample</button>
        </section>

        <ExploreFields explore={policy.explore} onChange={(explore) => setPolicy({ ...policy, explore })} models={models} taskTypes={taskTypes} issues={issues} />

        <div>
          <button type="button" className="text-sm text-blue-800 underline" onClick={() => setShowJson(!showJson)} aria-expanded={showJson}>{showJson ? "Hide" : "Show"} the policy as JSON</button>
          {showJson && <pre className="mt-2 overflow-x-auto rounded-md bg-gray-900 p-3 text-xs text-gray-100"><code>{JSON.stringify(checked.success ? checked.data : policy, null, 2)}</code></pre>}
        </div>
      </div>

      {/* Sticky beside the rules: the preview and Publish stay in view while a rule far down is edited. */}
      <div className="space-y-4 xl:sticky xl:top-4 xl:max-h-[calc(100vh-2rem)] xl:self-start xl:overflow-y-auto">
        <PreviewPanel slug={slug} policy={policy} valid={checked.success} />
        {canSave && (
          <form action={save} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" aria-label="Save draft">
            <input type="hidden" name="policy" value={json} />
            {draft.id && <input type="hidden" name="id" value={draft.id} />}
            <label className="block text-sm font-medium">Draft name<input name="name" defaultValue={draft.name} required maxLength={80} className={`${inputClass} mt-1`} /></label>
            {saveState.ok && <Alert tone="success">Draft saved. It is listed as a starting point on Simulate.</Alert>}
            {saveState.error && <Alert>{saveState.error}</Alert>}
            <SubmitButton variant="secondary" pendingLabel="Saving…" disabled={!checked.success}>Save draft</SubmitButton>
          </form>
        )}
        <form action={publish} className="space-y-2 rounded-lg border border-gray-200 bg-white p-4" aria-label="Publish">
          <h2 className="text-base font-semibold">Publish</h2>
          {!canPublish ? <p className="text-sm text-gray-600">Only owners and admins publish. You can preview and {canSave ? "save drafts" : "simulate"}.</p> : (
            <>
              <input type="hidden" name="policy" value={json} />
              <label className="block text-sm font-medium">Why (kept in the history)<textarea name="message" required maxLength={500} rows={2} value={message} onChange={(e) => setMessage(e.target.value)} className={`${inputClass} mt-1`} /></label>
              {floor !== null && <p className="text-xs text-gray-600">Gate: each task type with enough evidence must project at least {(floor * 100).toFixed(1)}% success over the last 30 days.</p>}
              {gateBlocked && (
                <label className="block text-sm font-medium text-amber-900">Override (why publish below the floor; audited)<textarea name="override" maxLength={1000} rows={2} value={override} onChange={(e) => setOverride(e.target.value)} className={`${inputClass} mt-1`} /></label>
              )}
              <fieldset className="space-y-1 rounded-md border border-gray-200 p-2 text-sm">
                <legend className="px-1 font-medium">Guard (optional)</legend>
                <p className="text-xs text-gray-600">Roll this version back by itself if a task type it changes has 30+ labeled tasks and its 99% interval falls below:</p>
                <label className="flex items-center gap-2">a floor of<input name="guardMinSuccess" type="number" min={0} max={100} step="any" className={`${inputClass} w-20 py-1`} aria-label="Guard floor (%)" />%</label>
                <label className="flex items-center gap-2"><input name="guardBelowProjection" type="checkbox" value="1" />the lower bound its projection promises</label>
              </fieldset>
              {publishState.ok && <Alert tone="success">Published as version {publishState.data}. Connected SDKs have it within a second.</Alert>}
              {publishState.error && <Alert>{publishState.error}</Alert>}
              <SubmitButton pendingLabel="Publishing…" disabled={!checked.success}>{gateBlocked ? "Publish with override" : "Publish"}</SubmitButton>
            </>
          )}
        </form>
      </div>
    </div>
  );
}
