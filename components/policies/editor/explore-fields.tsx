"use client";
// Exploration: a small share of routed calls goes to other models, so each keeps logged traffic with a
// known probability (the propensity the SDK logs) for unbiased estimates.
import { inputClass } from "@/components/ui/field";
import { ConditionFields } from "./condition-fields";
import { issueAt, type Draft, type Issues } from "./types";

type Explore = NonNullable<Draft["explore"]>;
type Props = { explore: Explore | undefined; onChange: (e: Explore | undefined) => void; models: string[]; taskTypes: string[]; issues: Issues };

export function ExploreFields({ explore, onChange, models, taskTypes, issues }: Props) {
  const toggleModel = (m: string, on: boolean) => explore && onChange({ ...explore, models: on ? [...explore.models, m] : explore.models.filter((x) => x !== m) });
  return (
    <section aria-label="Exploration" className="space-y-2 rounded-lg border border-gray-200 bg-white p-3">
      <h2 className="text-base font-semibold">Exploration</h2>
      <p className="text-xs text-gray-600">
        A share of the matching routed calls goes to one of these models instead, picked from the same hash as splits. Each call logs the
        probability of its model, so success can be estimated for policies you have not run.
      </p>
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={Boolean(explore)}
          onChange={(e) => onChange(e.target.checked ? { rate: 0.02, models: models.filter((m) => m.includes("nano")).slice(-1) } : undefined)} />
        explore other models
      </label>
      {explore && (
        <div className="space-y-2">
          <label className="flex items-center gap-2 whitespace-nowrap text-sm">share of matching calls (%) <input aria-label="Exploration percent" type="number" min={0.1} max={100} step={0.1}
            value={Number.isFinite(explore.rate) ? +(explore.rate * 100).toFixed(4) : ""}
            onChange={(e) => onChange({ ...explore, rate: e.target.value === "" ? NaN : Number(e.target.value) / 100 })} className={`${inputClass} !w-24 py-1`} /></label>
          {issueAt(issues, "explore.rate") && <p role="alert" className="text-xs text-red-700">Share: {issueAt(issues, "explore.rate")}</p>}
          <fieldset className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            <legend className="text-xs font-medium text-gray-700">Models to explore</legend>
            {models.map((m) => (
              <label key={m} className="flex items-center gap-1"><input type="checkbox" checked={explore.models.includes(m)} onChange={(e) => toggleModel(m, e.target.checked)} /> {m}</label>
            ))}
          </fieldset>
          {issueAt(issues, "explore.models") && <p role="alert" className="text-xs text-red-700">Models: {issueAt(issues, "explore.models")}</p>}
          <ConditionFields when={explore.when ?? {}} onChange={(when) => onChange({ ...explore, when })} taskTypes={taskTypes} issues={issues} path="explore.when" id="explore" />
        </div>
      )}
    </section>
  );
}
