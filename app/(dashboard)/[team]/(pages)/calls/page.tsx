import type { Metadata } from "next";
import Link from "next/link";
import { CallFiltersForm } from "@/components/analytics/call-filters";
import { OutcomeBadge, StatusBadge } from "@/components/analytics/outcome-badge";
import { RangePicker } from "@/components/analytics/range-picker";
import { InstallSdk } from "@/components/shell/install-sdk";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { formatCompactCount, formatCount, formatDateTime, formatMs, formatShortDateTime, usdColumn } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { COUNT_CAP, loadCalls, parseCallFilters } from "@/lib/analytics/calls";
import { parseRange, rangeQuery } from "@/lib/analytics/range";
import { requireTeam } from "@/lib/auth/session";
import { retainedSince } from "@/lib/retention/sweep";
import { hasTraffic } from "@/lib/ingest/data";

export const metadata: Metadata = { title: "Calls" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function CallsPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const description = `Every logged call, newest first, kept ${formatCount(team.retentionDays)} days (Settings → General).`;
  if (!(await hasTraffic(team.id))) return <><PageHeader title="Calls" description={description} /><InstallSdk slug={slug} what="Your calls" /></>;
  const search = await searchParams;
  const { window, error } = parseRange(search, team.timeZone);
  const { filters, errors } = parseCallFilters(search);
  const { rows, next, dimensions, matching } = await loadCalls(team.id, window, filters);
  const usd = usdColumn(rows.map((c) => c.cost));
  const path = `/${slug}/calls`;
  const range = Object.fromEntries(new URLSearchParams(rangeQuery(window)));
  const { cursor: _cursor, ...kept } = filters;
  const keptParams = Object.entries(kept).filter((e): e is [string, string] => Boolean(e[1]));
  const pageLink = (cursor?: string) => `${path}?${new URLSearchParams([...Object.entries(range), ...keptParams, ...(cursor ? [["cursor", cursor]] : [])])}`;
  const retainedFrom = retainedSince(team.retentionDays, new Date());
  const exportLink = (format: string) => `/${slug}/exports/calls?${new URLSearchParams([["format", format], ...Object.entries(range), ...keptParams])}`;
  return (
    <>
      <PageHeader title="Calls" description={description} actions={<RangePicker path={path} window={window} zone={team.timeZone} keep={kept} />} />
      {[error, ...errors].filter(Boolean).map((e) => <div key={e} className="mb-3"><Alert>{e} That filter was left out.</Alert></div>)}
      {window.from < retainedFrom && (
        <p className="mb-3 text-sm text-gray-600">
          Calls before {formatDateTime(retainedFrom, team.timeZone)} are past the team&apos;s retention ({formatCount(team.retentionDays)} days) and no longer listed; the dashboards still count them.
        </p>
      )}
      <CallFiltersForm path={path} filters={filters} range={range} taskTypes={dimensions.taskTypes} models={dimensions.models} />
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2 text-sm text-gray-600">
        <p aria-live="polite">{matching > COUNT_CAP ? `More than ${formatCount(COUNT_CAP)}` : formatCount(matching)} {matching === 1 ? "call matches" : "calls match"}</p>
        {matching > 0 && (
          <p className="flex gap-2">
            <a className={buttonClass("secondary")} href={exportLink("csv")} download>Export CSV</a>
            <a className={buttonClass("secondary")} href={exportLink("jsonl")} download>Export JSONL</a>
          </p>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">
          No calls match {keptParams.length ? "these filters" : "this window"}. Widen the time range or clear a filter.
        </p>
      ) : (
        <Table caption="Calls, newest first" head={[`Time (${team.timeZone})`, "Task type", "Model", "Status", "Outcome", "Latency", "TTFT", "Tokens in / out", "Cost", "Trace"]}>
          {rows.map((c) => (
            <tr key={c.id} className="hover:bg-gray-50">
              <Td><Link className="text-blue-800 underline" href={`${path}/${encodeURIComponent(c.id)}?${rangeQuery(window)}`} title={formatDateTime(new Date(c.ts), team.timeZone)}>{formatShortDateTime(new Date(c.ts), team.timeZone)}</Link></Td>
              <Td>{c.taskType}</Td>
              <Td>
                {c.model}
                {c.attempt > 1 && <span className="block text-xs text-gray-500">attempt {c.attempt}</span>}
                {c.shadowOf && <span className="block text-xs text-violet-700">shadow</span>}
              </Td>
              <Td><StatusBadge status={c.status} errorType={c.errorType} /></Td>
              <Td><OutcomeBadge outcome={c.outcome} /></Td>
              <Td className="text-right tabular-nums">{formatMs(c.latencyMs)}</Td>
              <Td className="text-right tabular-nums">{formatMs(c.ttftMs)}</Td>
              <Td className="text-right tabular-nums"><span title={`${formatCount(c.inputTokens)} in, ${formatCount(c.outputTokens)} out`}>{formatCompactCount(c.inputTokens)} / {formatCompactCount(c.outputTokens)}</span></Td>
              <Td className="text-right tabular-nums">{c.cost === null ? "unpriced" : usd(c.cost)}</Td>
              <Td>{c.traceId ? <Link className="text-blue-800 underline" href={`/${slug}/traces/${encodeURIComponent(c.traceId)}`}>{c.stepIndex === null ? "run" : `step ${c.stepIndex}`}</Link> : "—"}</Td>
            </tr>
          ))}
        </Table>
      )}
      <nav aria-label="Pages" className="mt-3 flex gap-2">
        {filters.cursor && <Link href={pageLink()} className={buttonClass("secondary")}>← Newest</Link>}
        {next && <Link href={pageLink(next)} className={buttonClass("secondary")}>Older calls →</Link>}
      </nav>
    </>
  );
}
