// Pass and fail counts of an evaluator's current version, with the pass rate drawn as a bar.
import { formatRate } from "@/components/evaluators/describe";
import { formatCount } from "@/components/ui/format";

export function ResultsSummary({ results }: { results: { pass: number; fail: number } }) {
  const judged = results.pass + results.fail;
  if (!judged) return <span className="text-gray-500">No verdicts yet</span>;
  const rate = results.pass / judged;
  return (
    <div>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="font-semibold tabular-nums">{formatRate(rate)} pass</span>
        <span className="text-xs tabular-nums text-gray-600">{formatCount(results.pass)} pass · {formatCount(results.fail)} fail</span>
      </div>
      <div className="mt-1 h-2 w-full max-w-48 overflow-hidden rounded bg-red-200" aria-hidden>
        <div className="h-full bg-green-600" style={{ width: `${rate * 100}%` }} />
      </div>
    </div>
  );
}
