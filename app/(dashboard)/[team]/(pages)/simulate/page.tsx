import type { Metadata } from "next";
import Link from "next/link";
import { Fragment } from "react";
import { RangePicker } from "@/components/analytics/range-picker";
import { FrontierChart } from "@/components/charts/frontier-chart";
import { InlineAction } from "@/components/settings/inline-action";
import { PolicySummary } from "@/components/policies/policy-summary";
import { CascadeNote } from "@/components/simulate/cascade-note";
import { OffPolicyNote, offPolicyDetail } from "@/components/simulate/off-policy-note";
import { TotalsTable, success } from "@/components/simulate/totals-table";
import { InstallSdk } from "@/components/shell/install-sdk";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { countOf, formatCount, formatDollars, formatPercent, usdColumn } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { Table, Td } from "@/components/ui/table";
import { parseRange, rangeQuery } from "@/lib/analytics/range";
import { canEditDrafts } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { hasTraffic } from "@/lib/ingest/data";
import { saveDraftAction } from "@/lib/policies/actions";
import { loadSimulatePage } from "@/lib/simulate/loaders";

export const metadata: Metadata = { title: "Simulate" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function SimulatePage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const description = "What a routing policy would have cost and achieved on your own logged traffic, before you publish it.";
  if (!(await hasTraffic(team.id))) return <><PageHeader title="Simulate" description={description} /><InstallSdk slug={slug} what="Simulations" /></>;
  const search = await searchParams;
  const { window, error } = parseRange(search, team.timeZone);
  const view = await loadSimulatePage(team.id, window, search);
  const { result } = view;
  const totalCost = usdColumn(result.byTaskType.flatMap((r) => [r.baseline.totalCostUsd * 1e9, r.projected.totalCostUsd * 1e9]));
  const path = `/${slug}/simulate`;
  const keep = { start: view.start, review: String(view.assumptions.reviewCostPerFailureUsd), minSamples: String(view.assumptions.minSamples) };
  return (
    <>
      <PageHeader title="Simulate" description={description} actions={<RangePicker path={path} window={window} zone={team.timeZone} keep={keep} />} />
      {[error, ...view.errors].filter(Boolean).map((e) => <div key={e} className="mb-3"><Alert>{e}</Alert></div>)}
      <form method="get" action={path} aria-label="Simulation settings" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-gray-200 bg-white p-3">
        {Object.entries(Object.fromEntries(new URLSearchParams(rangeQuery(window)))).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <label className="text-xs text-gray-600">
          Starting point
          <select name="start" defaultValue={view.start} className={`${inputClass} mt-0.5 py-1.5`}>
            {view.startingPoints.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </label>
        <label className="text-xs text-gray-600">
          Review cost per failure ($)
          <input name="review" type="number" min="0" step="0.01" defaultValue={view.assumptions.reviewCostPerFailureUsd} className={`${inputClass} mt-0.5 w-32 py-1.5`} />
          <span className="mt-0.5 block max-w-xs text-gray-500">
            {view.reviewCost.costPerReviewUsd === null
              ? <>Not measured yet: <Link className="underline" href={`/${slug}/review`}>review</Link> calls with an hourly rate set.</>
              : `Measured: ${formatDollars(view.reviewCost.costPerReviewUsd)} a review (median ${Math.round(view.reviewCost.medianSeconds!)} s at ${formatDollars(view.reviewCost.hourlyUsd!)}/h, ${formatCount(view.reviewCost.reviews)} reviews in 30 days)`}
          </span>
        </label>
        <label className="text-xs text-gray-600">
          Minimum labels per model
          <input name="minSamples" type="number" min="1" step="1" defaultValue={view.assumptions.minSamples} className={`${inputClass} mt-0.5 w-28 py-1.5`} />
        </label>
        <button type="submit" className={buttonClass()}>Simulate</button>
      </form>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
        <Card title={view.label} description={<Link className="underline" href={`/${slug}/policies/edit?start=${encodeURIComponent(view.start)}`}>Open in the policy editor</Link>}>
          <PolicySummary policy={view.policy} />
        </Card>
        <div className="space-y-3 lg:col-span-2">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Stat label="Savings" value={formatDollars(result.savingsUsd)} note={result.savingsPct === null ? undefined : `${formatPercent(result.savingsPct / 100)} of the total cost, review included`} tone={result.savingsUsd < 0 ? "up" : "down"} />
            <Stat label="Projected success" value={formatPercent(result.projected.successRate)} note={`was ${formatPercent(result.baseline.successRate)}`} />
            <Stat label="Off-policy success" value={formatPercent(result.offPolicy.successRate)} note={offPolicyDetail(result.offPolicy)} />
          </dl>
          <TotalsTable baseline={result.baseline} projected={result.projected} />
          <p className="text-xs text-gray-500">{result.path.notes.join(" ")} Window: {result.window.days} days of first attempts (shadow calls are evidence, not tasks).</p>
        </div>
      </div>

      <h2 className="mb-3 mt-8 text-lg font-semibold">By task type</h2>
      <Table caption="Projection by task type" head={["Task type", "Tasks", "Total cost", "Success", "Model mix", "Evidence (labels, success; shadow coverage)"]}>
        {result.byTaskType.map((r) => (
          <Fragment key={r.taskType}>
          <tr className="align-top">
            <Td className="font-medium">{r.taskType}</Td>
            <Td className="tabular-nums">{formatCount(r.tasks)}</Td>
            <Td className="tabular-nums">{totalCost(r.baseline.totalCostUsd * 1e9)} → {totalCost(r.projected.totalCostUsd * 1e9)}</Td>
            <Td className="tabular-nums">
              {success(r.baseline)}<br />→ {success(r.projected)}
              <OffPolicyNote estimate={r.offPolicy} className="mt-1" />
              {view.cascade[r.taskType] && <CascadeNote advice={view.cascade[r.taskType]!} compact className="mt-1 max-w-[14rem]" />}
            </Td>
            <Td>{Object.entries(r.modelMix).map(([m, s]) => <div key={m}>{m} {formatPercent(s ?? 0, 0)}</div>)}</Td>
            <Td>
              {Object.entries(r.evidence).map(([m, e]) => <div key={m}>{m}: {formatCount(e.labeled)}, {formatPercent(e.successRate)}</div>)}
              <div className="text-xs text-gray-500">shadow: {countOf(view.shadowCoverage[r.taskType]?.calls ?? 0, "call")} ({formatPercent(view.shadowCoverage[r.taskType]?.share ?? 0)} of tasks)</div>
              {r.coverage.length > 0 && (
                <div className="mt-1 max-w-xs whitespace-normal text-xs">
                  <div className="text-gray-600">Where the policy routes it:</div>
                  {r.coverage.map((c, i) => Object.entries(c.evidence).map(([m, e]) => (
                    <div key={`${i}-${m}`}>
                      {countOf(Math.round(c.tasks), "task")} → {(c.routes[m] ?? 0) < 1 ? `${formatPercent(c.routes[m] ?? 0, 0)} ` : ""}{m}: {countOf(e.labeled, "label")}, {formatPercent(e.successRate)}{" "}
                      <span className={e.pooled ? "text-amber-800" : "text-gray-500"}>{e.pooled ? "(pooled: thin)" : "(own evidence)"}</span>
                    </div>
                  )))}
                </div>
              )}
            </Td>
          </tr>
          {/* Warnings under their task type across the table: a column of its own was pushed off-screen. */}
          {r.warnings.length > 0 && (
            <tr>
              <td colSpan={6} className="px-2 pb-2 text-xs text-amber-800">
                {r.warnings.map((w) => <p key={w.code + w.model}>⚠ {w.message}</p>)}
              </td>
            </tr>
          )}
          </Fragment>
        ))}
      </Table>

      <h2 className="mb-3 mt-8 text-lg font-semibold">Cost against success</h2>
      <p className="mb-3 text-sm text-gray-600">Each priced model with labels on the task type, as if it served every task (bubble size: labels).</p>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        {Object.entries(view.frontier).map(([taskType, points]) => (
          <Card key={taskType} title={taskType}>
            <FrontierChart points={points} label={`Cost per task against success on ${taskType}`} />
          </Card>
        ))}
      </div>

      <h2 className="mb-3 mt-8 text-lg font-semibold">Suggested policy</h2>
      <Card description={`Per task type, the cheapest model whose success is within ${(view.tolerance * 100).toFixed(1)} points of the best-evidenced one (at least ${view.assumptions.minSamples} labels). For review: it is never published by itself.`}>
        {view.suggestion.reasons.length === 0 ? <p className="text-sm text-gray-600">No task type has two models with enough labels yet.</p> : (
          <>
            <ul className="list-disc space-y-1 pl-5 text-sm">{view.suggestion.reasons.map((r) => <li key={r.taskType}><span className="font-medium">{r.taskType} → {r.model}</span>: {r.why}</li>)}</ul>
            {canEditDrafts(role) && (
              <div className="mt-3">
                <InlineAction action={saveDraftAction.bind(null, slug)} fields={{ name: `Suggested ${new Date().toISOString().slice(0, 10)}`, policy: JSON.stringify(view.suggestion.policy), open: "1" }}
                  label="Save as draft and open it" pendingLabel="Saving…" variant="secondary" />
              </div>
            )}
          </>
        )}
      </Card>
    </>
  );
}
