// Policies page: each recent version's projection (made at publish) beside what it then did, per task type.
import { Fragment } from "react";
import { Card } from "@/components/ui/card";
import { countOf, formatCount, formatDateTime, formatMs, formatPercent, usdColumn } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import type { VersionCheck } from "@/lib/policies/check";
import type { Figures } from "@/lib/policies/projection";

/** The rate, and its 95% interval on a line of its own so the column stays narrow on a phone. */
function Rate({ figures: f, of }: { figures: Figures; of?: number }) {
  return (
    <>
      <div>{formatPercent(f.successRate)}</div>
      {f.successRateLow !== null && f.successRateHigh !== null && <div className="text-xs text-gray-500">{formatPercent(f.successRateLow)}–{formatPercent(f.successRateHigh)}</div>}
      {of !== undefined && <div className="text-xs text-gray-500">of {formatCount(of)} labeled</div>}
    </>
  );
}

function VersionCheckTable({ check, zone }: { check: VersionCheck; zone: string }) {
  const { realized } = check;
  const span = `${formatDateTime(realized.from, zone)} – ${check.inForce ? "now" : formatDateTime(realized.to, zone)}`;
  const sample = realized.sampled ? ` (its latest ${countOf(realized.sample, "call")})` : "";
  if (!check.projection) return <p className="text-sm text-gray-600">Version {check.version} was published before projections were kept.</p>;
  if (!realized.ready) {
    return (
      <p className="text-sm text-gray-600">
        Version {check.version}: {formatCount(realized.tasks)} of {formatCount(realized.minTasks)} routed tasks served so far ({span}); the check appears once it has served {formatCount(realized.minTasks)}.
      </p>
    );
  }
  const flagged = check.comparison.filter((r) => r.successOutside).map((r) => r.taskType);
  // Projected and realized costs of the table at one precision.
  const usd = usdColumn(check.comparison.flatMap((r) => [r.projected, r.realized]).map((f) => (f?.costPerTaskUsd == null ? null : f.costPerTaskUsd * 1e9)));
  const cost = (f: Figures | null) => (f?.costPerTaskUsd == null ? "—" : usd(f.costPerTaskUsd * 1e9));
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-700">
        Version {check.version}{check.inForce ? " (in force)" : ""}: {formatCount(realized.tasks)} routed tasks, {span}{sample}.{" "}
        {flagged.length ? <strong className="text-red-700">Success outside the projected interval: {flagged.join(", ")}.</strong> : "Realized success is within the projected intervals."}
      </p>
      {/* Metrics as rows, projected and realized as the two columns: the comparison fits a phone. */}
      <Table caption={`Version ${check.version}: projected and realized per task type`} head={["Task type", "Projected", "Realized"]}>
        {check.comparison.map((r) => (
          <Fragment key={r.taskType}>
            <tr className={r.successOutside ? "bg-red-50" : "bg-gray-50"}>
              <th scope="rowgroup" colSpan={3} className="px-3 py-2 text-left font-medium">
                {r.taskType} <span className="font-normal text-gray-600">· {countOf(r.realized?.tasks ?? 0, "task")}</span>
                {r.successOutside && <span className="ml-1 rounded bg-red-100 px-1 text-xs font-normal text-red-800">success outside the projection</span>}
              </th>
            </tr>
            <tr>
              <Td className="text-gray-600">Cost per task</Td>
              <Td className="tabular-nums">{cost(r.projected)}</Td>
              <Td className="tabular-nums">{r.realized ? cost(r.realized) : "too few tasks"}</Td>
            </tr>
            <tr>
              <Td className="text-gray-600">Success</Td>
              <Td className="tabular-nums">{r.projected ? <Rate figures={r.projected} /> : "—"}</Td>
              <Td className="tabular-nums">
                {r.realized && r.labeled >= realized.minTasksPerTaskType ? <Rate figures={r.realized} of={r.labeled} /> : `${formatCount(r.labeled)} labeled`}
              </Td>
            </tr>
            <tr>
              <Td className="text-gray-600">p50 latency</Td>
              <Td className="tabular-nums">{formatMs(r.projected?.latencyP50Ms ?? null)}</Td>
              <Td className="tabular-nums">{formatMs(r.realized?.latencyP50Ms ?? null)}</Td>
            </tr>
          </Fragment>
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
