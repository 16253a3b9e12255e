import { inputClass } from "@/components/ui/field";

type Props = React.SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: { value: string; label: string }[];
  error?: string;
  hint?: React.ReactNode;
};

/** A labelled select with its error or hint tied to it, like Field. */
export function SelectField({ label, name, options, error, hint, ...select }: Props) {
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-gray-800">{label}</label>
      <select id={name} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy} className={inputClass} {...select}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      {error ? <p id={`${name}-error`} role="alert" className="text-sm text-red-700">{error}</p> : hint ? <p id={`${name}-hint`} className="text-sm text-gray-500">{hint}</p> : null}
    </div>
  );
}
