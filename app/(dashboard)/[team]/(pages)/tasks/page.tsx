import type { Metadata } from "next";
import { RangePicker } from "@/components/analytics/range-picker";
import { InstallSdk } from "@/components/shell/install-sdk";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { PageHeader } from "@/components/ui/page-header";
import { SortableTable, type Column } from "@/components/ui/sortable-table";
import { parseRange, rangeQuery, type RangeParams } from "@/lib/analytics/range";
import { BreakdownCard } from "@/components/analytics/breakdown-card";
import { Deferred } from "@/components/analytics/deferred";
import { loadTaskTypeTable } from "@/lib/analytics/task-types";
import { requireTeam } from "@/lib/auth/session";
import { hasTraffic } from "@/lib/ingest/data";

export const metadata: Metadata = { title: "Task types" };

// Ten columns fit at 1280 px; the rest are in the Columns chooser.
const COLUMNS: Column[] = [
  { key: "taskType", label: "Task type", format: "text", hrefKey: "href" },
  { key: "model", label: "Model", format: "text" },
  { key: "calls", label: "Calls", format: "count", title: "Every attempt, retries and escalations included", optional: true },
  { key: "tasks", label: "Tasks", format: "count", title: "First attempts" },
  { key: "costUsd", label: "Cost", format: "usd", money: true },
  { key: "costPerTaskUsd", label: "Cost / task", format: "usd", money: true },
  { key: "costPerSuccessUsd", label: "Cost / success", format: "usd", title: "Cost per successful task: spend over tasks × success rate", money: true },
  { key: "successRate", label: "Success", format: "percent" },
  { key: "labeled", label: "Labeled", format: "count", optional: true },
  { key: "errorRate", label: "Errors", format: "percent" },
  { key: "escalationRate", label: "Escalated", format: "percent", title: "Tasks this model handed on to another model", optional: true },
  { key: "latencyP50Ms", label: "p50", format: "ms" },
  { key: "latencyP95Ms", label: "p95", format: "ms" },
  { key: "ttftP50Ms", label: "TTFT p50", format: "ms", optional: true },
  { key: "outputTokensPerSec", label: "Tokens/s", format: "number", optional: true },
  { key: "inputTokens", label: "Input tokens", format: "count", optional: true },
  { key: "outputTokens", label: "Output tokens", format: "count", optional: true },
];

type Props = { params: Promise<{ team: string }>; searchParams: Promise<RangeParams & { by?: string }> };

export default async function TaskTypesPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const description = "Cost, success rate and latency for each task type and model (shadow calls not included).";
  if (!(await hasTraffic(team.id))) return <><PageHeader title="Task types" description={description} /><InstallSdk slug={slug} what="Per-task-type statistics" /></>;
  const search = await searchParams;
  const { window, error } = parseRange(search, team.timeZone);
  const rows = await loadTaskTypeTable(team.id, window);
  const query = rangeQuery(window);
  return (
    <>
      <PageHeader title="Task types" description={description} actions={<RangePicker path={`/${slug}/tasks`} window={window} zone={team.timeZone} keep={{ by: search.by }} />} />
      {error && <div className="mb-4"><Alert>{error}</Alert></div>}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">No calls in this window. Pick a longer range above.</p>
      ) : (
        <>
          <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
            <p className="text-sm text-gray-600">{rows.length} task type and model pairs. Open a task type to compare its models side by side.</p>
            <a href={`/${slug}/tasks.csv?${query}`} download className={buttonClass("secondary")}>Download CSV</a>
          </div>
          <SortableTable caption="Task types by model" columns={COLUMNS} initial={{ key: "costUsd", desc: true }}
            rows={rows.map((r) => ({ ...r, href: `/${slug}/tasks/${encodeURIComponent(r.taskType)}?${query}` }))} />
          <div className="mt-6"><Deferred title="By metadata"><BreakdownCard teamId={team.id} path={`/${slug}/tasks`} window={window} by={search.by} /></Deferred></div>
        </>
      )}
    </>
  );
}
