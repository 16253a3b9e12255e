import { diffLines } from "diff";
import type { Policy } from "@switchyard/sdk/core";
import { describeChanges } from "@/lib/policies/diff";

/** What a version changed against the one before it: in the policy's terms, with the JSON diff on request. */
export function PolicyDiff({ before, after }: { before: Policy; after: Policy }) {
  const changes = describeChanges(before, after);
  if (changes.length === 0) return <p className="text-xs text-gray-500">Same policy as the version before.</p>;
  const parts = diffLines(JSON.stringify(before, null, 2), JSON.stringify(after, null, 2)).filter((p) => p.added || p.removed);
  return (
    <div className="space-y-1">
      <ul className="list-disc space-y-0.5 pl-4 text-sm" aria-label="Changes against the previous version">
        {changes.map((c) => <li key={c}>{c}</li>)}
      </ul>
      <details className="text-xs">
        <summary className="cursor-pointer text-gray-600">JSON diff</summary>
        <pre className="mt-1 max-h-64 overflow-auto rounded bg-gray-50 p-2">
          {parts.flatMap((p, i) => p.value.replace(/\n$/, "").split("\n").map((line, j) => (
            <div key={`${i}-${j}`} className={p.added ? "bg-green-50 text-green-900" : "bg-red-50 text-red-900"}>{p.added ? "+ " : "− "}{line}</div>
          )))}
        </pre>
      </details>
    </div>
  );
}
