import Link from "next/link";
import { InstallSdk } from "@/components/shell/install-sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { getTrafficTotals } from "@/lib/ingest/data";
import { formatSpend } from "@/lib/pricing/money";

const day = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/**
 * What a page that is not built yet shows: the SDK instructions while the team has no traffic, and
 * otherwise the plain totals it has logged, without inventing anything the page would compute.
 */
export async function TrafficState({ teamId, slug, what }: { teamId: TeamId; slug: string; what: string }) {
  const totals = await getTrafficTotals(teamId);
  if (totals.calls === 0) return <InstallSdk slug={slug} what={what} />;
  return (
    <section className="rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h2 className="text-base font-semibold">Traffic logged</h2>
      <dl className="mt-3 grid gap-4 sm:grid-cols-3">
        <div>
          <dt className="text-sm text-gray-600">Calls</dt>
          <dd className="text-2xl font-semibold">{totals.calls.toLocaleString("en-US")}</dd>
        </div>
        <div>
          <dt className="text-sm text-gray-600">Spend</dt>
          <dd className="text-2xl font-semibold">{formatSpend(totals.costNanos)}</dd>
        </div>
        <div>
          <dt className="text-sm text-gray-600">Between</dt>
          <dd className="text-sm font-medium">{day.format(totals.first!)} and {day.format(totals.last!)} (UTC)</dd>
        </div>
      </dl>
      {totals.unpriced > 0 && (
        <p className="mt-3 text-sm text-amber-800">
          {totals.unpriced.toLocaleString("en-US")} calls are on models without a price and not in the spend.{" "}
          <Link href={`/${slug}/settings/models`} className="underline">Add their prices</Link>.
        </p>
      )}
      <p className="mt-4 text-sm text-gray-600">{what}: not built yet. The totals above come straight from the stored rollups.</p>
    </section>
  );
}
