// Which calls an evaluator checks: task types and models (none ticked: all), production and shadow calls.
import { inputClass } from "@/components/ui/field";
import type { Scope } from "@/lib/evaluators/schema";

type Props = { scope: Scope; dimensions: { taskTypes: string[]; models: string[] }; error: (path: string) => string | undefined };

function NameChoices({ name, label, known, chosen, error }: { name: string; label: string; known: string[]; chosen: string[]; error?: string }) {
  const options = [...new Set([...known, ...chosen])].sort();
  const id = name.replace(".", "-");
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">{label} <span className="font-normal text-gray-500">(none ticked: all)</span></legend>
      {options.length > 0 && (
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {options.map((o) => (
            <label key={o} className="flex min-w-0 items-center gap-1.5 break-all text-sm">
              <input type="checkbox" name={name} value={o} defaultChecked={chosen.includes(o)} className="h-4 w-4 shrink-0" /> {o}
            </label>
          ))}
        </div>
      )}
      <input aria-label={`Other ${label.toLowerCase()}`} name={`${name}.other`} placeholder={`other ${label.toLowerCase()}, comma-separated`} className={`${inputClass} mt-2`} />
      {error && <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">{error}</p>}
    </fieldset>
  );
}

export function ScopeFields({ scope, dimensions, error }: Props) {
  return (
    <fieldset className="space-y-4 rounded-md border border-gray-200 p-3 sm:p-4">
      <legend className="px-1 text-sm font-semibold text-gray-900">Scope</legend>
      <div className="grid gap-4 md:grid-cols-2">
        <NameChoices name="scope.taskTypes" label="Task types" known={dimensions.taskTypes} chosen={scope.taskTypes ?? []} error={error("scope.taskTypes")} />
        <NameChoices name="scope.models" label="Models" known={dimensions.models} chosen={scope.models ?? []} error={error("scope.models")} />
      </div>
      <fieldset aria-describedby={error("scope") ? "scope-error" : undefined}>
        <legend className="text-sm font-medium text-gray-800">Calls</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <label className="flex items-center gap-1.5"><input type="checkbox" name="scope.production" defaultChecked={scope.production} className="h-4 w-4" /> Production calls</label>
          <label className="flex items-center gap-1.5"><input type="checkbox" name="scope.shadow" defaultChecked={scope.shadow} className="h-4 w-4" /> Shadow calls</label>
        </div>
        {error("scope") && <p id="scope-error" role="alert" className="mt-1 text-sm text-red-700">{error("scope")}</p>}
      </fieldset>
    </fieldset>
  );
}
