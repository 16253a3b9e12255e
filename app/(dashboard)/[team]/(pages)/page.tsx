import type { Metadata } from "next";
import Link from "next/link";
import { RangePicker } from "@/components/analytics/range-picker";
import { RankedList } from "@/components/charts/ranked-list";
import { SeriesChart } from "@/components/charts/series-chart";
import { ShareChart } from "@/components/charts/share-chart";
import { TrendCard } from "@/components/charts/trend-card";
import { InstallSdk } from "@/components/shell/install-sdk";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { countOf, formatCount, formatMs, formatPercent, formatTrend, formatUsd } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { loadOverview, loadSpendCards } from "@/lib/analytics/overview";
import { parseRange, type RangeParams } from "@/lib/analytics/range";
import { BreakdownCard } from "@/components/analytics/breakdown-card";
import { Deferred } from "@/components/analytics/deferred";
import { requireTeam } from "@/lib/auth/session";
import { hasTraffic } from "@/lib/ingest/data";

export const metadata: Metadata = { title: "Overview" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<RangeParams & { by?: string; trend?: string }> };

export default async function OverviewPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const header = (actions?: React.ReactNode) => <PageHeader title={team.name} description="Where the money goes, what fails and what is slow." actions={actions} />;
  if (!(await hasTraffic(team.id))) return <>{header()}<InstallSdk slug={slug} what="Spend, success rate and latency" /></>;

  const search = await searchParams;
  const { window, error } = parseRange(search, team.timeZone);
  const [spend, view] = await Promise.all([loadSpendCards(team.id, team.timeZone), loadOverview(team.id, window, team.timeZone)]);
  // Over time for one task type: the one asked for, else the one that costs most.
  const trendTaskType = view.taskTypes.includes(search.trend ?? "") ? search.trend! : view.topTaskTypes[0]?.name;
  const keep = { by: search.by, trend: search.trend };
  const { totals } = view;
  const trend7 = formatTrend(spend.last7.trend.nanos, spend.last7.trend.previousNanos, "7 days");
  const trend30 = formatTrend(spend.last30.trend.nanos, spend.last30.trend.previousNanos, "30 days");
  return (
    <>
      {header(<RangePicker path={`/${slug}`} window={window} zone={team.timeZone} keep={keep} />)}
      {error && <div className="mb-4"><Alert>{error}</Alert></div>}
      <dl className="grid grid-cols-1 grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Spend">
        <Stat label="Spend today" value={formatUsd(spend.todayNanos)} note={`since midnight, ${team.timeZone}`} />
        <Stat label="Last 7 days" value={formatUsd(spend.last7.nanos)} note={trend7?.text} tone={trend7 ? (trend7.up ? "up" : "down") : undefined} />
        <Stat label="Last 30 days" value={formatUsd(spend.last30.nanos)} note={trend30?.text} tone={trend30 ? (trend30.up ? "up" : "down") : undefined} />
        <Stat label="Projected this month" value={formatUsd(spend.projectedMonthNanos)} note="the last 7 whole days' daily rate" />
      </dl>

      <h2 className="mb-3 mt-8 text-lg font-semibold">{window.label}</h2>
      {totals.calls === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">
          No calls in this window. Pick a longer range above, or check that your app is sending calls (the SDK logs in the background).
        </p>
      ) : (
        <>
          <dl className="grid grid-cols-1 grid-cols-2 gap-3 lg:grid-cols-5" aria-label="Window totals">
            <Stat label="Tasks" value={formatCount(totals.tasks)} note={`${countOf(totals.calls, "call")} with retries and escalations`} />
            <Stat label="Success rate" value={formatPercent(totals.successRate)}
              note={totals.interval ? `95% CI ${formatPercent(totals.interval.low)}–${formatPercent(totals.interval.high)}, n = ${formatCount(totals.labeled)}` : "no labeled calls"} />
            <Stat label="Cost per successful task" value={formatUsd(totals.costPerSuccessNanos)} note="retries, escalations and failures included" />
            <Stat label="Latency p50 / p95" value={`${formatMs(totals.latencyP50Ms)} / ${formatMs(totals.latencyP95Ms)}`} />
            <Stat label="Evaluation spend" value={formatUsd(totals.shadowNanos + totals.judgeNanos)}
              note={`${formatUsd(totals.shadowNanos)} shadow calls${totals.judgeNanos > 0n ? `, ${formatUsd(totals.judgeNanos)} LLM judge` : ""}; not in the totals`} />
          </dl>
          {totals.unpriced > 0 && (
            <div className="mt-3">
              <Alert tone="info">
                {countOf(totals.unpriced, "call")} {totals.unpriced === 1 ? "is" : "are"} on models without a price and not in the spend. <Link className="underline" href={`/${slug}/settings/models`}>Add their prices</Link>.
              </Alert>
            </div>
          )}
          <div className="mt-6 grid grid-cols-1 gap-4 lg:grid-cols-2">
            <div className="lg:col-span-2">
              <Card title="Spend by model" description={window.byHour ? "Per hour" : "Per day"}>
                <SeriesChart data={view.series.data} series={view.series.series} format="usd" label="Spend by model over time" />
              </Card>
            </div>
            <div className="lg:col-span-2">
              {trendTaskType && (
                <Deferred title="Over time">
                  <TrendCard teamId={team.id} window={window} zone={team.timeZone} taskType={trendTaskType} picker={{ path: `/${slug}`, taskTypes: view.taskTypes, keep: { by: search.by } }} />
                </Deferred>
              )}
            </div>
            <Card title="Model mix" description="Share of production calls">
              <ShareChart data={view.modelMix} format="count" label="Calls per model" />
            </Card>
            <Card title="Task types that cost most" description={<Link className="underline" href={`/${slug}/tasks`}>All task types</Link>}>
              <RankedList data={view.topTaskTypes} format="usd" label="Spend per task type" />
            </Card>
            <div className="lg:col-span-2">
              <Deferred title="By metadata"><BreakdownCard teamId={team.id} path={`/${slug}`} window={window} by={search.by} keep={{ trend: search.trend }} /></Deferred>
            </div>
          </div>
        </>
      )}
    </>
  );
}
