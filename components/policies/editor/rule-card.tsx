"use client";
// One ordered rule: its id, conditions, and either one model or a weighted split.
import { inputClass } from "@/components/ui/field";
import { ConditionFields } from "./condition-fields";
import { issueAt, type Issues, type Rule } from "./types";

type Props = {
  rule: Rule; index: number; count: number; models: string[]; taskTypes: string[]; issues: Issues;
  onChange: (r: Rule) => void; onMove: (by: -1 | 1) => void; onRemove: () => void;
};

export function RuleCard({ rule, index, count, models, taskTypes, issues, onChange, onMove, onRemove }: Props) {
  const path = `rules.${index}`;
  const split = rule.split !== undefined;
  const error = (p: string) => issueAt(issues, `${path}.${p}`);
  const ModelSelect = ({ value, onPick, label }: { value: string; onPick: (m: string) => void; label: string }) => (
    <select aria-label={label} value={value} onChange={(e) => onPick(e.target.value)} className={`${inputClass} py-1`}>
      {!models.includes(value) && <option value={value}>{value || "choose a model"}</option>}
      {models.map((m) => <option key={m} value={m}>{m}</option>)}
    </select>
  );
  return (
    <li className="rounded-lg border border-gray-200 bg-white p-3" aria-label={`Rule ${index + 1}`}>
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold">{index + 1}.</span>
        <input aria-label={`Rule ${index + 1} id`} value={rule.id} onChange={(e) => onChange({ ...rule, id: e.target.value })} className={`${inputClass} w-48 py-1`} />
        <span className="flex-1" />
        <button type="button" disabled={index === 0} onClick={() => onMove(-1)} className="text-sm text-blue-800 underline disabled:text-gray-300" aria-label={`Move rule ${index + 1} up`}>↑ up</button>
        <button type="button" disabled={index === count - 1} onClick={() => onMove(1)} className="text-sm text-blue-800 underline disabled:text-gray-300" aria-label={`Move rule ${index + 1} down`}>↓ down</button>
        <button type="button" onClick={onRemove} className="text-sm text-red-700 underline" aria-label={`Remove rule ${index + 1}`}>remove</button>
      </div>
      {error("id") && <p role="alert" className="mb-1 text-xs text-red-700">{error("id")}</p>}
      <ConditionFields when={rule.when ?? {}} onChange={(when) => onChange({ ...rule, when })} taskTypes={taskTypes} issues={issues} path={`${path}.when`} id={`r${index}`} />
      <div className="mt-3 flex flex-wrap items-start gap-3 text-sm">
        <label className="flex items-center gap-1"><input type="radio" checked={!split} onChange={() => onChange({ id: rule.id, when: rule.when, model: rule.split?.[0]?.model ?? models[0] ?? "" })} /> one model</label>
        <label className="flex items-center gap-1"><input type="radio" checked={split} onChange={() => onChange({ id: rule.id, when: rule.when, split: [{ model: rule.model ?? models[0] ?? "", weight: 90 }, { model: models[1] ?? models[0] ?? "", weight: 10 }] })} /> split by weight</label>
        {!split ? (
          <ModelSelect label={`Rule ${index + 1} model`} value={rule.model ?? ""} onPick={(model) => onChange({ ...rule, model })} />
        ) : (
          <div className="space-y-1">
            {rule.split!.map((arm, j) => (
              <div key={j} className="flex items-center gap-1">
                <ModelSelect label={`Rule ${index + 1} split model ${j + 1}`} value={arm.model} onPick={(model) => onChange({ ...rule, split: rule.split!.map((a, k) => (k === j ? { ...a, model } : a)) })} />
                <input aria-label={`Rule ${index + 1} split weight ${j + 1}`} type="number" min={0} value={Number.isFinite(arm.weight) ? arm.weight : ""}
                  onChange={(e) => onChange({ ...rule, split: rule.split!.map((a, k) => (k === j ? { ...a, weight: e.target.value === "" ? NaN : Number(e.target.value) } : a)) })} className={`${inputClass} w-20 py-1`} />
                {rule.split!.length > 1 && <button type="button" onClick={() => onChange({ ...rule, split: rule.split!.filter((_, k) => k !== j) })} className="text-xs text-red-700 underline">remove</button>}
              </div>
            ))}
            <button type="button" onClick={() => onChange({ ...rule, split: [...rule.split!, { model: models[0] ?? "", weight: 10 }] })} className="text-xs text-blue-800 underline">+ model</button>
          </div>
        )}
      </div>
      {(error("model") || error("split")) && <p role="alert" className="mt-1 text-xs text-red-700">{error("model") ?? error("split")}</p>}
    </li>
  );
}
