// The cascade break-even in one sentence: above which success the cheap model first (escalating detected
// failures) costs less per successful task than the dearer model for every task.
import { formatPercent } from "@/components/ui/format";
import type { CascadeAdvice } from "@/lib/simulate/cascade";

export function CascadeNote({ advice, compact = false, className = "" }: { advice: CascadeAdvice; compact?: boolean; className?: string }) {
  const { cheap, mid, breakEven, observed } = advice;
  const full = `${cheap} first, escalating detected failures to ${mid}, costs less per successful task than ${mid} alone`;
  const text = breakEven === null ? `${cheap} first never beats ${mid} per successful task here.`
    : compact ? `Cascade break-even: ${formatPercent(breakEven)} (${cheap} observed ${formatPercent(observed)})`
    : `${full} above ${formatPercent(breakEven)} success on ${cheap}; observed ${formatPercent(observed)}.`;
  return <p className={`whitespace-normal text-xs text-gray-600 ${className}`} title={compact ? `${full} above this success rate of ${cheap}.` : undefined}>{text}</p>;
}
