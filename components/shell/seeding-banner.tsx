// While the demo team is still being seeded: how far it has got, that the figures are partial, and the page
// refreshing itself until it is done.
import { AutoRefresh } from "@/components/ui/auto-refresh";
import type { DemoProgress } from "@/lib/demo/progress";

export function SeedingBanner({ progress }: { progress: DemoProgress }) {
  const { daysDone, days, phase } = progress;
  return (
    <div role="status" aria-label="Demo data loading" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
      <div className="font-medium">
        {phase === "traffic" ? `Loading the demo's traffic: ${daysDone} of ${days} days stored.` : "Traffic stored; running the demo's evaluators and reviews."}
        {" "}Figures on this page are partial until it finishes (about a minute); the page refreshes itself.
      </div>
      <div className="mt-2 h-1.5 overflow-hidden rounded bg-amber-200" aria-hidden>
        <div className="h-full bg-amber-500" style={{ width: `${Math.round(((phase === "traffic" ? daysDone : days) / (days + 1)) * 100)}%` }} />
      </div>
      <AutoRefresh everyMs={10_000} />
    </div>
  );
}
