// The Traces page's filter form: plain GET, so a filtered list is a link people can share.
import { FilterActions, Select } from "@/components/analytics/call-filters";
import { inputClass } from "@/components/ui/field";
import type { TraceFilters } from "@/lib/analytics/schema";

type Props = { path: string; filters: TraceFilters; range: Record<string, string>; taskTypes: string[]; models: string[] };

export function TraceFiltersForm({ path, filters, range, taskTypes, models }: Props) {
  return (
    <form method="get" action={path} aria-label="Filter runs" className="mb-4 grid grid-cols-2 items-end gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-5">
      {Object.entries(range).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <Select label="Task type" name="taskType" value={filters.taskType} options={taskTypes.map((t) => [t, t])} />
      <Select label="Model (any step)" name="model" value={filters.model} options={models.map((m) => [m, m])} />
      <Select label="Run outcome" name="outcome" value={filters.outcome} options={[["success", "Success"], ["failure", "Failure"], ["none", "Unlabeled"]]} />
      <label className="text-xs text-gray-600">
        At least (seconds)
        <input name="minDuration" type="number" min={0} step="any" defaultValue={filters.minDuration} className={`${inputClass} mt-0.5 py-1.5`} />
      </label>
      <FilterActions path={path} range={range} />
    </form>
  );
}
