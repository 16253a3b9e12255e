import { diffLines } from "diff";

/** What a version changed against the one before it, as added and removed JSON lines. */
export function PolicyDiff({ before, after }: { before: unknown; after: unknown }) {
  const parts = diffLines(JSON.stringify(before ?? {}, null, 2), JSON.stringify(after, null, 2));
  const changed = parts.filter((p) => p.added || p.removed);
  if (changed.length === 0) return <p className="text-xs text-gray-500">Same policy as the version before.</p>;
  return (
    <pre className="max-h-64 overflow-auto rounded bg-gray-50 p-2 text-xs" aria-label="Changes against the previous version">
      {changed.flatMap((p, i) => p.value.replace(/\n$/, "").split("\n").map((line, j) => (
        <div key={`${i}-${j}`} className={p.added ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}>{p.added ? "+ " : "− "}{line}</div>
      )))}
    </pre>
  );
}
