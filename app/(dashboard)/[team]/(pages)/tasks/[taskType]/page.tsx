import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RangePicker } from "@/components/analytics/range-picker";
import { SuccessBar } from "@/components/analytics/success-bar";
import { DistributionChart } from "@/components/charts/distribution-chart";
import { TrendCard } from "@/components/charts/trend-card";
import { Deferred } from "@/components/analytics/deferred";
import { CascadeNote } from "@/components/simulate/cascade-note";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { formatCount, formatMs, formatPercent, usdColumn } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { parseRange, rangeQuery, type RangeParams } from "@/lib/analytics/range";
import { loadTaskTypeDetail } from "@/lib/analytics/task-types";
import { requireTeam } from "@/lib/auth/session";
import { decodeSegment } from "@/lib/http/params";

type Props = { params: Promise<{ team: string; taskType: string }>; searchParams: Promise<RangeParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeSegment((await params).taskType) ?? "Task type" };
}

export default async function TaskTypePage({ params, searchParams }: Props) {
  const { team: slug, taskType: raw } = await params;
  const { team } = await requireTeam(slug);
  const taskType = decodeSegment(raw);
  if (taskType === null) notFound();
  const { window, error } = parseRange(await searchParams, team.timeZone);
  const detail = await loadTaskTypeDetail(team.id, window, taskType);
  const back = <Link href={`/${slug}/tasks?${rangeQuery(window)}`} className="text-sm text-blue-800 underline">← All task types</Link>;
  const picker = <RangePicker path={`/${slug}/tasks/${encodeURIComponent(taskType)}`} window={window} zone={team.timeZone} />;
  if (!detail) {
    if (error) notFound();
    return (
      <>
        <PageHeader title={taskType} actions={picker} />
        {back}
        <p className="mt-4 rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">No calls of this task type in the window. Pick a longer range, or check the name.</p>
      </>
    );
  }
  const perTask = usdColumn(detail.models.map((m) => m.costPerTaskNanos));
  const perSuccess = usdColumn(detail.models.map((m) => m.costPerSuccessNanos));
  return (
    <>
      <PageHeader title={taskType} description="Its models side by side. Success counts every label of a model, shadow evaluations included." actions={picker} />
      <div className="mb-4 space-y-3">
        {back}
        {error && <Alert>{error}</Alert>}
        <Alert tone="info">
          {detail.note ?? "Not enough labels to compare models yet: each needs at least 30 labeled calls in this window."}
          {detail.cascade && <CascadeNote advice={detail.cascade} className="mt-1 text-sm" />}
        </Alert>
      </div>
      <div className="space-y-4">
        <Table caption={`Models on ${taskType}`} head={["Model", "Success (95% interval)", "Calls", "Cost / task", "Cost / success", "p50 / p95", "TTFT p50", "Output tokens, rate", "Errors / escalated"]}>
          {detail.models.map((m) => (
            <tr key={m.model}>
              <Td className="font-medium">{m.model}</Td>
              <Td><SuccessBar rate={m.successRate} interval={m.interval} labeled={m.labeled} shadowLabeled={m.shadowLabeled} /></Td>
              <Td className="text-right tabular-nums">{formatCount(m.calls)}{m.shadowCalls > 0 && <span className="block text-xs text-gray-500">{formatCount(m.shadowCalls)} shadow</span>}</Td>
              <Td className="text-right tabular-nums"><Money text={m.costPerTaskNanos === null ? null : perTask(m.costPerTaskNanos)} unpriced={m.unpriced} /></Td>
              <Td className="text-right tabular-nums"><Money text={m.costPerSuccessNanos === null ? null : perSuccess(m.costPerSuccessNanos)} unpriced={m.unpriced} /></Td>
              <Td className="text-right tabular-nums">{formatMs(m.latencyP50Ms)} / {formatMs(m.latencyP95Ms)}</Td>
              <Td className="text-right tabular-nums">{formatMs(m.ttftP50Ms)}</Td>
              <Td className="text-right tabular-nums">
                {m.meanOutputTokens === null ? "—" : Math.round(m.meanOutputTokens)}
                <span className="block text-xs text-gray-500">{m.tokensPerSec === null ? "—" : `${m.tokensPerSec.toFixed(1)}/s`}</span>
              </Td>
              <Td className="text-right tabular-nums">{formatPercent(m.errorRate)} / {formatPercent(m.escalationRate)}</Td>
            </tr>
          ))}
        </Table>
        <Deferred title="Over time"><TrendCard teamId={team.id} window={window} zone={team.timeZone} taskType={taskType} /></Deferred>
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <Card title="Latency" description="Share of each model's calls by whole-call latency">
            <DistributionChart data={detail.latency} series={detail.modelNames} label="Latency distribution by model" />
          </Card>
          <Card title="Time to first token" description="Streamed calls only">
            {detail.ttft ? <DistributionChart data={detail.ttft} series={detail.modelNames} label="TTFT distribution by model" />
              : <p className="text-sm text-gray-600">No streamed calls of this task type in the window.</p>}
          </Card>
        </div>
        {detail.steps && (
          <Card title="Success by step" description={`Traced runs: each step's own label, from the latest ${formatCount(detail.stepSample)} steps in the window. Where a model fails shows here.`}>
            <Table caption="Step success by model" head={["Step", ...detail.modelNames]}>
              {detail.steps.map((s) => (
                <tr key={s.step}>
                  <Td className="font-medium">{s.step}</Td>
                  {detail.modelNames.map((m) => {
                    const cell = s.byModel[m];
                    return <Td key={m} className="tabular-nums">{cell ? <>{formatPercent(cell.successRate)} <span className="text-xs text-gray-500">n = {formatCount(cell.labeled)}</span></> : "—"}</Td>;
                  })}
                </tr>
              ))}
            </Table>
          </Card>
        )}
      </div>
    </>
  );
}
