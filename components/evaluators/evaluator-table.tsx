// The team's evaluators: a table from lg up, one block per evaluator on narrower screens (each cell then
// carries its own label), so nothing is wider than a phone.
import Link from "next/link";
import { describeScope, formatRate, kindLabel } from "@/components/evaluators/describe";
import { ResultsSummary } from "@/components/evaluators/results-summary";
import type { EvaluatorSummary } from "@/lib/evaluators/page-data";

const HEAD = ["Name", "Kind", "Scope", "Sampled", "Version", "Enabled", "Results (current version)", ""];

function Cell({ label, children, className = "" }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <td className={`flex gap-3 px-0 py-1 align-top lg:table-cell lg:px-3 lg:py-2 ${className}`}>
      <span className="w-24 shrink-0 text-gray-500 lg:hidden">{label}</span>
      <div className="min-w-0 flex-1">{children}</div>
    </td>
  );
}

export function EvaluatorTable({ slug, evaluators, canEdit }: { slug: string; evaluators: EvaluatorSummary[]; canEdit: boolean }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white">
      <table className="block w-full text-sm lg:table">
        <caption className="sr-only">Evaluators</caption>
        <thead className="hidden bg-gray-50 lg:table-header-group">
          <tr>{HEAD.map((h) => <th key={h} scope="col" className="whitespace-nowrap px-3 py-2 text-left font-medium text-gray-700">{h}</th>)}</tr>
        </thead>
        <tbody className="block divide-y divide-gray-100 lg:table-row-group">
          {evaluators.map((e) => {
            const href = `/${slug}/evaluators/${e.id}`;
            return (
              <tr key={e.id} className="block px-4 py-3 lg:table-row lg:p-0">
                <Cell label="Name" className="lg:min-w-32"><Link href={href} className="break-words font-medium text-blue-800 underline">{e.name}</Link></Cell>
                <Cell label="Kind" className="lg:whitespace-nowrap">{kindLabel(e.kind)}</Cell>
                <Cell label="Scope" className="lg:max-w-64"><span className="break-words">{describeScope(e.scope)}</span></Cell>
                <Cell label="Sampled" className="tabular-nums">{formatRate(e.sampleRate)}</Cell>
                <Cell label="Version" className="tabular-nums">{e.version}</Cell>
                <Cell label="Enabled">{e.enabled ? "Yes" : <span className="text-gray-500">No</span>}</Cell>
                <Cell label="Results" className="lg:min-w-48"><ResultsSummary results={e.results} /></Cell>
                <Cell label="" className="pt-2 lg:pt-2">
                  <Link href={href} className="text-blue-800 underline" aria-label={`${canEdit ? "Edit" : "View"} ${e.name}`}>{canEdit ? "Edit" : "View"}</Link>
                </Cell>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
