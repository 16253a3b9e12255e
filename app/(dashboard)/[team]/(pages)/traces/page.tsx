import type { Metadata } from "next";
import Link from "next/link";
import { OutcomeBadge } from "@/components/analytics/outcome-badge";
import { TraceFiltersForm } from "@/components/analytics/trace-filters";
import { RangePicker } from "@/components/analytics/range-picker";
import { InstallSdk } from "@/components/shell/install-sdk";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { formatDateTime, formatMs, usdColumn } from "@/components/ui/format";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { loadTraces, parseTraceFilters } from "@/lib/analytics/calls";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { parseRange, rangeQuery } from "@/lib/analytics/range";
import { requireTeam } from "@/lib/auth/session";
import { hasTraffic } from "@/lib/ingest/data";

export const metadata: Metadata = { title: "Traces" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function TracesPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const description = "Agent runs (calls sharing a traceId), newest first, with the outcome of the whole run.";
  if (!(await hasTraffic(team.id))) return <><PageHeader title="Traces" description={description} /><InstallSdk slug={slug} what="Agent runs" /></>;
  const search = await searchParams;
  const { window, error } = parseRange(search, team.timeZone);
  const { filters, errors } = parseTraceFilters(search);
  const [{ rows, next }, dimensions] = await Promise.all([loadTraces(team.id, window, filters), listDimensions(team.id)]);
  const usd = usdColumn(rows.map((t) => t.cost));
  const path = `/${slug}/traces`;
  const range = Object.fromEntries(new URLSearchParams(rangeQuery(window)));
  const { cursor: _cursor, ...kept } = filters;
  const keptParams = Object.entries(kept).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "").map(([k, v]): [string, string] => [k, String(v)]);
  const page = (cursor?: string) => `${path}?${new URLSearchParams([...Object.entries(range), ...keptParams, ...(cursor ? [["cursor", cursor]] : [])])}`;
  return (
    <>
      <PageHeader title="Traces" description={description} actions={<RangePicker path={path} window={window} zone={team.timeZone} keep={Object.fromEntries(keptParams)} />} />
      {[error, ...errors].filter(Boolean).map((e) => <div key={e} className="mb-3"><Alert>{e} That filter was left out.</Alert></div>)}
      <TraceFiltersForm path={path} filters={filters} range={range} taskTypes={dimensions.taskTypes} models={dimensions.models} />
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">
          No agent runs {keptParams.length ? "match these filters" : "in this window"}. Runs appear when calls carry a <code>traceId</code> (the SDK&apos;s <code>switchyard.traceId</code> option) and a <code>stepIndex</code>.
        </p>
      ) : (
        <Table caption="Agent runs" head={["Started", "Task type", "Steps", "Models", "Run outcome", "Failed steps", "Duration", "Cost"]}>
          {rows.map((t) => (
            <tr key={t.traceId} className="hover:bg-gray-50">
              <Td><Link className="text-blue-800 underline" href={`${path}/${encodeURIComponent(t.traceId)}`}>{formatDateTime(new Date(t.ts), team.timeZone)}</Link></Td>
              <Td>{t.taskType}</Td>
              <Td className="text-right tabular-nums">{t.steps}</Td>
              <Td>{t.models.join(", ")}</Td>
              <Td><OutcomeBadge outcome={t.traceOutcome} /></Td>
              <Td className="text-right tabular-nums">{t.failures}</Td>
              <Td className="text-right tabular-nums">{formatMs(t.latencyMs)}</Td>
              <Td className="text-right tabular-nums"><Money text={t.cost === null ? null : usd(t.cost)} unpriced={t.unpriced} /></Td>
            </tr>
          ))}
        </Table>
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-2">
        {search.cursor && <Link href={page()} className={buttonClass("secondary")}>← Newest</Link>}
        {next && <Link href={page(next)} className={buttonClass("secondary")}>Older runs →</Link>}
      </nav>
    </>
  );
}
