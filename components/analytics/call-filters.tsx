// The Calls page's filter form: plain GET, so a filtered view is a link people can share.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import type { CallFilters } from "@/lib/analytics/schema";

type Props = { path: string; filters: CallFilters; range: Record<string, string>; taskTypes: string[]; models: string[] };

export function Select({ label, name, value, options }: { label: string; name: string; value?: string; options: [string, string][] }) {
  return (
    <label className="text-xs text-gray-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={`${inputClass} mt-0.5 py-1.5`}>
        <option value="">Any</option>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </select>
    </label>
  );
}

/** Filter, and Clear back to the same window with no filters. */
export function FilterActions({ path, range }: { path: string; range: Record<string, string> }) {
  return (
    <div className="flex gap-2">
      <button type="submit" className={buttonClass()}>Filter</button>
      <Link href={`${path}?${new URLSearchParams(range)}`} className={buttonClass("secondary")}>Clear</Link>
    </div>
  );
}

export function CallFiltersForm({ path, filters, range, taskTypes, models }: Props) {
  return (
    <form method="get" action={path} aria-label="Filter calls" className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-4 2xl:grid-cols-8">
      {Object.entries(range).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <label className="col-span-2 text-xs text-gray-600 sm:col-span-4 2xl:col-span-8">
        Search
        <input type="search" name="q" defaultValue={filters.q} placeholder="A call or trace id, a metadata value, or words from captured prompts and answers" className={`${inputClass} mt-0.5 py-1.5`} />
      </label>
      <Select label="Task type" name="taskType" value={filters.taskType} options={taskTypes.map((t) => [t, t])} />
      <Select label="Model" name="model" value={filters.model} options={models.map((m) => [m, m])} />
      <Select label="Status" name="status" value={filters.status} options={[["ok", "OK"], ["error", "Error"]]} />
      <Select label="Outcome" name="outcome" value={filters.outcome} options={[["success", "Success"], ["failure", "Failure"], ["none", "Unlabeled"]]} />
      <Select label="Kind" name="kind" value={filters.kind} options={[["production", "Production"], ["shadow", "Shadow"]]} />
      <label className="text-xs text-gray-600">
        Trace id
        <input name="traceId" defaultValue={filters.traceId} className={`${inputClass} mt-0.5 py-1.5`} />
      </label>
      <label className="text-xs text-gray-600">
        Metadata
        <input name="meta" defaultValue={filters.meta} placeholder="tier=enterprise" className={`${inputClass} mt-0.5 py-1.5`} />
      </label>
      <FilterActions path={path} range={range} />
    </form>
  );
}
