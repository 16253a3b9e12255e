// A run as a timeline: each call a bar from its start for its duration, on one time axis, so waits between
// steps, escalations and long calls show at a glance. Shadow calls are drawn lighter (they ran beside the run).
import Link from "next/link";
import { modelColor } from "@/lib/analytics/model-colors";
import { formatMs } from "@/components/ui/format";

type Step = { id: string; ts: Date; model: string; stepIndex: number | null; attempt: number; status: number; latencyMs: number; shadowOf: string | null };

// Tailwind needs whole class names: the model's colour as a bar.
const BAR: Record<string, string> = {
  blue: "bg-blue-500", emerald: "bg-emerald-500", violet: "bg-violet-500", indigo: "bg-indigo-500", sky: "bg-sky-500", teal: "bg-teal-500",
  purple: "bg-purple-500", cyan: "bg-cyan-500", orange: "bg-orange-500", amber: "bg-amber-500", rose: "bg-rose-500", fuchsia: "bg-fuchsia-500",
  lime: "bg-lime-500", pink: "bg-pink-500", yellow: "bg-yellow-500", red: "bg-red-500", stone: "bg-stone-500",
};

export function TraceWaterfall({ steps, href }: { steps: Step[]; href: (id: string) => string }) {
  const ordered = [...steps].sort((a, b) => a.ts.getTime() - b.ts.getTime());
  const start = ordered[0].ts.getTime();
  const end = Math.max(...ordered.map((s) => s.ts.getTime() + s.latencyMs));
  const span = Math.max(1, end - start);
  const pct = (ms: number) => `${Math.min(100, (ms / span) * 100)}%`;
  return (
    <figure aria-label="Run timeline" data-chart="waterfall" className="space-y-1">
      {/* The axis labels sit over the bars' column, not over the step names. */}
      <figcaption className="mb-2 grid grid-cols-[7rem_1fr] gap-2 text-xs text-gray-500">
        <span />
        <span className="flex justify-between gap-2"><span className="whitespace-nowrap">0 ms</span><span className="text-right">{formatMs(span)} from the first call&apos;s start to the last call&apos;s end</span></span>
      </figcaption>
      {ordered.map((s) => {
        const offset = s.ts.getTime() - start;
        const label = `${s.stepIndex === null ? "call" : `step ${s.stepIndex}`}${s.attempt > 1 ? `, attempt ${s.attempt}` : ""}${s.shadowOf ? ", shadow" : ""}: ${s.model}, starts at ${formatMs(offset)}, takes ${formatMs(s.latencyMs)}${s.status === 1 ? ", failed" : ""}`;
        return (
          <Link key={s.id} href={href(s.id)} aria-label={label} title={label} className="group grid grid-cols-[7rem_1fr] items-center gap-2 text-xs">
            <span className="truncate text-gray-700 group-hover:underline">{s.stepIndex === null ? "—" : `step ${s.stepIndex}`}{s.attempt > 1 ? ` · #${s.attempt}` : ""}{s.shadowOf ? " · shadow" : ""}</span>
            <span className="relative h-4 rounded bg-gray-100">
              <span className={`absolute top-0 h-4 min-w-[2px] rounded ${BAR[modelColor(s.model)] ?? "bg-gray-500"} ${s.shadowOf ? "opacity-40" : ""} ${s.status === 1 ? "ring-2 ring-red-600" : ""}`}
                style={{ left: pct(offset), width: pct(s.latencyMs) }} />
            </span>
          </Link>
        );
      })}
    </figure>
  );
}
