// Policies page: each recent version's projection (made at publish) beside what it then did, per task type.
import { Card } from "@/components/ui/card";
import { formatCount, formatDateTime, formatDollars, formatMs, formatPercent } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import type { VersionCheck } from "@/lib/policies/check";
import type { Figures } from "@/lib/policies/projection";

const cost = (f: Figures | null) => (f?.costPerTaskUsd == null ? "—" : formatDollars(f.costPerTaskUsd));
const interval = (f: Figures) => (f.successRateLow === null || f.successRateHigh === null ? "" : ` (${formatPercent(f.successRateLow)}–${formatPercent(f.successRateHigh)})`);

/** "projected / realized" in one cell, stacked so the table fits a phone. */
function Pair({ projected, realized }: { projected: string; realized: string }) {
  return (
    <div className="leading-tight">
      <div><span className="text-gray-500">proj.</span> {projected}</div>
      <div><span className="text-gray-500">real</span> {realized}</div>
    </div>
  );
}

function VersionCheckTable({ check, zone }: { check: VersionCheck; zone: string }) {
  const { realized } = check;
  const span = `${formatDateTime(realized.from, zone)} – ${check.inForce ? "now" : formatDateTime(realized.to, zone)}`;
  const sample = realized.sampled ? ` (its latest ${formatCount(realized.sample)} calls)` : "";
  if (!check.projection) return <p className="text-sm text-gray-600">Version {check.version} was published before projections were kept.</p>;
  if (!realized.ready) {
    return (
      <p className="text-sm text-gray-600">
        Version {check.version}: {formatCount(realized.tasks)} of {formatCount(realized.minTasks)} routed tasks served so far ({span}); the check appears once it has served {formatCount(realized.minTasks)}.
      </p>
    );
  }
  const flagged = check.comparison.filter((r) => r.successOutside).map((r) => r.taskType);
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">
        Version {check.version}{check.inForce ? " (in force)" : ""}: {formatCount(realized.tasks)} routed tasks, {span}{sample}.{" "}
        {flagged.length ? <strong className="text-red-700">Success outside the projected interval: {flagged.join(", ")}.</strong> : "Realized success is within the projected intervals."}
      </p>
      <Table caption={`Version ${check.version}: projected and realized per task type`} head={["Task type", "Tasks", "Cost per task", "Success", "p50 latency"]}>
        {check.comparison.map((r) => (
          <tr key={r.taskType} className={r.successOutside ? "bg-red-50" : undefined}>
            <Td className="font-medium">{r.taskType}{r.successOutside && <span className="ml-1 rounded bg-red-100 px-1 text-xs text-red-800">outside</span>}</Td>
            <Td>{formatCount(r.realized?.tasks ?? 0)}</Td>
            <Td><Pair projected={cost(r.projected)} realized={r.realized ? cost(r.realized) : "too few"} /></Td>
            <Td>
              <Pair projected={r.projected ? `${formatPercent(r.projected.successRate)}${interval(r.projected)}` : "—"}
                realized={r.realized && r.labeled >= realized.minTasksPerTaskType ? `${formatPercent(r.realized.successRate)} of ${formatCount(r.labeled)}` : `${formatCount(r.labeled)} labeled`} />
            </Td>
            <Td><Pair projected={formatMs(r.projected?.latencyP50Ms ?? null)} realized={formatMs(r.realized?.latencyP50Ms ?? null)} /></Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}

export function VersionChecks({ checks, zone }: { checks: VersionCheck[]; zone: string }) {
  const first = checks[0];
  return (
    <Card
      title="Projected vs realized"
      description={`What each version was projected to do at publish (the last 30 days' traffic under it) against what its routed calls then did. A version is checked after ${formatCount(first?.realized.minTasks ?? 0)} routed tasks, a task type after ${formatCount(first?.realized.minTasksPerTaskType ?? 0)}; success is flagged when the realized rate and its 95% interval lie wholly outside the projected interval.`}
    >
      <div className="space-y-4">{checks.map((c) => <VersionCheckTable key={c.version} check={c} zone={zone} />)}</div>
    </Card>
  );
}
