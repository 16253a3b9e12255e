import { inputClass } from "@/components/ui/field";

type Props = React.TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: string; hint?: React.ReactNode };

/** A labelled textarea with its error or hint tied to it, like Field. */
export function TextAreaField({ label, name, error, hint, className = "", ...textarea }: Props) {
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-gray-800">{label}</label>
      <textarea id={name} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy} className={`${inputClass} ${className}`} {...textarea} />
      {error ? <p id={`${name}-error`} role="alert" className="text-sm text-red-700">{error}</p> : hint ? <p id={`${name}-hint`} className="text-sm text-gray-500">{hint}</p> : null}
    </div>
  );
}
