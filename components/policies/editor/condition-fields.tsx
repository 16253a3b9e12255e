"use client";
// The conditions of a rule or a shadow entry: task types, context size, tool count and metadata.
import { inputClass } from "@/components/ui/field";
import { issueAt, OPS, type Issues, type Range, type When } from "./types";

function RangeField({ label, value, onChange, id }: { label: string; value: Range | undefined; onChange: (r: Range | undefined) => void; id: string }) {
  const bounds = Object.entries(value ?? {}) as [keyof Range, number][];
  const set = (next: [keyof Range, number][]) => onChange(next.length ? Object.fromEntries(next) : undefined);
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-gray-700">{label}</legend>
      {bounds.map(([op, n], i) => (
        <div key={i} className="flex items-center gap-1">
          <select aria-label={`${label} comparison ${i + 1}`} value={op} onChange={(e) => set(bounds.map((b, j) => (j === i ? [e.target.value as keyof Range, n] : b)))} className={`${inputClass} w-16 py-1`}>
            {OPS.map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
          </select>
          <input aria-label={`${label} value ${i + 1}`} type="number" min={0} value={Number.isFinite(n) ? n : ""} id={`${id}-${i}`}
            onChange={(e) => set(bounds.map((b, j) => (j === i ? [op, e.target.value === "" ? NaN : Number(e.target.value)] : b)))} className={`${inputClass} w-28 py-1`} />
          <button type="button" onClick={() => set(bounds.filter((_, j) => j !== i))} className="text-xs text-red-700 underline">remove</button>
        </div>
      ))}
      {bounds.length < 2 && (
        <button type="button" onClick={() => set([...bounds, [bounds.some(([o]) => o === "gt") ? "lte" : "gt", 0]])} className="text-xs text-blue-800 underline">
          + {label.toLowerCase()} bound
        </button>
      )}
    </fieldset>
  );
}

function metadataText(m: When["metadata"]) {
  return Object.entries(m ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("|") : v}`).join(", ");
}

function parseMetadata(text: string): When["metadata"] {
  const entries = text.split(",").map((s) => s.trim()).filter(Boolean).map((pair) => {
    const at = pair.indexOf("=");
    const key = at < 0 ? pair : pair.slice(0, at).trim();
    const values = at < 0 ? [""] : pair.slice(at + 1).split("|").map((v) => v.trim());
    return [key, values.length > 1 ? values : values[0]] as const;
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

type Props = { when: When; onChange: (w: When) => void; taskTypes: string[]; issues: Issues; path: string; id: string };

export function ConditionFields({ when, onChange, taskTypes, issues, path, id }: Props) {
  const chosen = when.taskType ?? [];
  const others = chosen.filter((t) => !taskTypes.includes(t));
  const setTypes = (list: string[]) => onChange({ ...when, taskType: list.length ? list : undefined });
  const error = (p: string) => issueAt(issues, `${path}.${p}`);
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
      <fieldset>
        <legend className="text-xs font-medium text-gray-700">Task types (none ticked: any)</legend>
        <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
          {taskTypes.map((t) => (
            <label key={t} className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={chosen.includes(t)} onChange={(e) => setTypes(e.target.checked ? [...chosen, t] : chosen.filter((x) => x !== t))} />
              {t}
            </label>
          ))}
        </div>
        <input aria-label="Other task types" placeholder="other task types, comma-separated" defaultValue={others.join(", ")}
          onBlur={(e) => setTypes([...chosen.filter((t) => taskTypes.includes(t)), ...e.target.value.split(",").map((s) => s.trim()).filter(Boolean)])}
          className={`${inputClass} mt-1 py-1`} />
        {error("taskType") && <p role="alert" className="text-xs text-red-700">{error("taskType")}</p>}
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <RangeField label="Context tokens" value={when.contextTokens} onChange={(r) => onChange({ ...when, contextTokens: r })} id={`${id}-ctx`} />
        <RangeField label="Tool count" value={when.toolCount} onChange={(r) => onChange({ ...when, toolCount: r })} id={`${id}-tools`} />
        {(error("contextTokens") || error("toolCount")) && <p role="alert" className="w-full text-xs text-red-700">{error("contextTokens") ?? error("toolCount")}</p>}
      </div>
      <label className="text-xs font-medium text-gray-700 md:col-span-2">
        Metadata (key=value, key=a|b)
        <input defaultValue={metadataText(when.metadata)} onBlur={(e) => onChange({ ...when, metadata: parseMetadata(e.target.value) })} placeholder="tier=enterprise"
          className={`${inputClass} mt-1 py-1`} />
      </label>
    </div>
  );
}
