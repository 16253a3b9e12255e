import { formatCount, formatPercent } from "@/components/ui/format";

type Props = { rate: number | null; interval: { low: number; high: number } | null; labeled: number; shadowLabeled: number };

/** A success rate with its 95% interval drawn as a band over the bar, and the sample size under it. Grey,
 * not a model's colour: the row names the model, and blue would read as gpt-5.4-mini on any row. */
export function SuccessBar({ rate, interval, labeled, shadowLabeled }: Props) {
  if (rate === null || !interval) return <span className="text-gray-500">no labels</span>;
  return (
    <div className="min-w-40">
      <div className="flex items-baseline gap-2">
        <span className="font-semibold tabular-nums">{formatPercent(rate)}</span>
        <span className="text-xs text-gray-600">{formatPercent(interval.low)}–{formatPercent(interval.high)}</span>
      </div>
      <div className="relative mt-1 h-2 w-full rounded bg-gray-100" aria-hidden>
        <div className="absolute inset-y-0 left-0 rounded bg-gray-500" style={{ width: `${rate * 100}%` }} />
        <div className="absolute inset-y-0 bg-gray-900/40" style={{ left: `${interval.low * 100}%`, width: `${(interval.high - interval.low) * 100}%` }} />
      </div>
      <div className="mt-0.5 text-xs text-gray-500">n = {formatCount(labeled)}{shadowLabeled > 0 ? `, ${formatCount(shadowLabeled)} from shadow` : ""}</div>
    </div>
  );
}
