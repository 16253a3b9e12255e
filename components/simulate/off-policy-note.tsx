// The off-policy estimate beside the projection: its figure, and one line of interval, ESS and coverage,
// or why there is none (no logged propensities, or choices the logging policy never made).
import { formatCount, formatPercent } from "@/components/ui/format";
import type { SimulationResult } from "@/lib/simulate/format";
import { MIN_COVERAGE } from "@/lib/simulate/off-policy";

type OffPolicy = SimulationResult["offPolicy"];

export function offPolicyDetail(e: OffPolicy) {
  if (e.calls === 0) return "no logged propensities";
  if (e.coverage !== null && e.coverage < MIN_COVERAGE) return `not covered: ${e.uncovered.map((u) => `${formatPercent(u.share)} to ${u.model}`).join(", ")}, never chosen by the logging policy`;
  if (e.successRate === null) return "no logged call took the models it picks";
  return `${formatPercent(e.low)}–${formatPercent(e.high)}, ESS ${formatCount(Math.round(e.ess))}, coverage ${formatPercent(e.coverage)}`;
}

/** Compact, for a table cell: it wraps inside a narrow width rather than widening the table. */
export function OffPolicyNote({ estimate, className = "" }: { estimate: OffPolicy; className?: string }) {
  const detail = offPolicyDetail(estimate);
  return (
    <p className={`max-w-[14rem] whitespace-normal text-xs text-gray-600 ${className}`} title={estimate.reason ?? undefined}>
      {estimate.successRate === null ? `Off-policy: ${detail}` : `Off-policy ${formatPercent(estimate.successRate)} (${detail})`}
    </p>
  );
}
