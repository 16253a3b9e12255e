type Props = React.InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string; hint?: string };

export const inputClass =
  "block w-full rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-1 focus:ring-blue-600";

/** A labelled input whose error is announced and tied to it for screen readers. */
export function Field({ label, name, error, hint, ...input }: Props) {
  const describedBy = error ? `${name}-error` : hint ? `${name}-hint` : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-gray-800">{label}</label>
      <input id={name} name={name} aria-invalid={Boolean(error)} aria-describedby={describedBy} className={inputClass} {...input} />
      {error ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-red-700">{error}</p>
      ) : hint ? (
        <p id={`${name}-hint`} className="text-sm text-gray-500">{hint}</p>
      ) : null}
    </div>
  );
}
