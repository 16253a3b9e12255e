// Shown while a team page loads its data.
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <span className="sr-only">Loading…</span>
      <div className="h-8 w-48 rounded bg-gray-200" />
      <div className="h-4 w-80 max-w-full rounded bg-gray-200" />
      <div className="h-48 rounded-lg bg-gray-200" />
    </div>
  );
}
