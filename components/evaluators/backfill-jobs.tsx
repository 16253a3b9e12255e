// Runs over past calls with their progress, refreshing while one is queued or running.
import Link from "next/link";
import { InlineAction } from "@/components/settings/inline-action";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { formatCount, formatDateTime } from "@/components/ui/format";
import { localDate } from "@/lib/analytics/time-zone";
import { cancelBackfillAction } from "@/lib/evaluators/actions";
import type { Backfill } from "@/lib/evaluators/page-data";

type Props = { slug: string; backfills: Backfill[]; names?: Map<string, string>; zone: string; canCancel: boolean };

const STATE_STYLE: Record<string, string> = {
  queued: "bg-gray-100 text-gray-800",
  running: "bg-blue-100 text-blue-900",
  done: "bg-green-100 text-green-900",
  failed: "bg-red-100 text-red-900",
  cancelled: "bg-amber-100 text-amber-900",
};

const active = (b: Backfill) => b.state === "queued" || b.state === "running";

/** The window's days as the form chose them: `to` is the start of the day after the last. */
function days(b: Backfill, zone: string) {
  const first = localDate(b.from, zone);
  const last = localDate(new Date(b.to.getTime() - 1), zone);
  return first === last ? first : `${first} to ${last}`;
}

export function BackfillJobs({ slug, backfills, names, zone, canCancel }: Props) {
  return (
    <ul className="divide-y divide-gray-100" aria-label="Runs over past calls">
      {backfills.some(active) && <AutoRefresh />}
      {backfills.map((b) => {
        const share = b.total ? Math.min(1, b.done / b.total) : b.state === "done" ? 1 : 0;
        return (
          <li key={b.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 first:pt-0 last:pb-0">
            <div className="min-w-0 flex-1 basis-56 text-sm">
              {names && (
                <Link href={`/${slug}/evaluators/${b.evaluatorId}`} className="font-medium text-blue-800 underline">{names.get(b.evaluatorId) ?? "Deleted evaluator"}</Link>
              )}
              <p className={names ? "text-gray-600" : "font-medium text-gray-900"}>Calls of {days(b, zone)}</p>
              <p className="text-xs text-gray-500">Started {formatDateTime(b.createdAt, zone)}</p>
            </div>
            <div className="w-full min-w-0 sm:w-64">
              <div className="flex items-center justify-between gap-2 text-sm">
                <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[b.state] ?? ""}`}>{b.state}</span>
                <span className="tabular-nums text-gray-700">{formatCount(b.done)} / {b.total === null ? "?" : formatCount(b.total)} {b.total === 1 ? "call" : "calls"}</span>
              </div>
              <div role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={b.total ?? undefined} aria-valuenow={b.done}
                className="mt-1 h-2 w-full overflow-hidden rounded bg-gray-100">
                <div className={`h-full ${b.state === "failed" ? "bg-red-500" : b.state === "cancelled" ? "bg-amber-500" : "bg-blue-600"}`} style={{ width: `${share * 100}%` }} />
              </div>
              {/* Why it failed, or a note while it waits (a judge down, a daily cap reached) or on calls it skipped. */}
              {b.error && <p className={`mt-1 break-words text-xs ${b.state === "failed" ? "text-red-700" : "text-gray-600"}`}>{b.error}</p>}
            </div>
            {canCancel && active(b) && (
              <InlineAction action={cancelBackfillAction.bind(null, slug)} fields={{ jobId: b.id }} label="Cancel" pendingLabel="Cancelling…"
                confirm="Stop this run? Verdicts it has already given are kept." />
            )}
          </li>
        );
      })}
    </ul>
  );
}
