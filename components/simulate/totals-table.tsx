import { formatCount, formatDollars, formatMs, formatPercent } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import type { SimulationResult } from "@/lib/simulate/format";

type Totals = SimulationResult["baseline"];
const success = (t: Totals) => (t.successRate === null ? "—" : `${formatPercent(t.successRate)} (${formatPercent(t.successRateLow)}–${formatPercent(t.successRateHigh)})`);

/** The rate, and its interval on a line of its own so the two columns fit a phone. */
function SuccessCell({ t }: { t: Totals }) {
  if (t.successRate === null) return <>—</>;
  return <>{formatPercent(t.successRate)}<span className="block text-xs text-gray-500">{formatPercent(t.successRateLow)}–{formatPercent(t.successRateHigh)}</span></>;
}

/** Baseline against projected, one column each. */
export function TotalsTable({ baseline, projected }: { baseline: Totals; projected: Totals }) {
  const rows: [string, (t: Totals) => React.ReactNode][] = [
    ["Tasks", (t) => formatCount(t.tasks)],
    ["Model cost", (t) => formatDollars(t.costUsd)],
    ["Review cost", (t) => formatDollars(t.reviewCostUsd)],
    ["Total cost", (t) => formatDollars(t.totalCostUsd)],
    ["Success", (t) => <SuccessCell t={t} />],
    ["Escalated", (t) => formatPercent(t.escalationRate)],
    ["Latency p50", (t) => formatMs(t.latencyP50Ms)],
  ];
  return (
    <Table caption="Baseline and projected totals" head={["", "What happened", "With this policy"]}>
      {rows.map(([label, f]) => (
        <tr key={label}>
          <Td className="font-medium">{label}{label === "Success" && <span className="block text-xs font-normal text-gray-500">95% interval</span>}</Td>
          <Td className="tabular-nums">{f(baseline)}</Td>
          <Td className="tabular-nums">{f(projected)}</Td>
        </tr>
      ))}
    </Table>
  );
}

export { success };
