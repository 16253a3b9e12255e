// The time-range control of every analytics page: preset links and a custom date form, plain GET
// navigation (works without JavaScript); other filters on the page travel along as hidden fields.
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import type { Window } from "@/lib/analytics/range";

const PRESETS = [
  { range: "24h", label: "24 h" },
  { range: "7d", label: "7 d" },
  { range: "30d", label: "30 d" },
];

type Props = { path: string; window: Window; zone: string; keep?: Record<string, string | undefined> };

export function RangePicker({ path, window, zone, keep = {} }: Props) {
  const kept = Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1]));
  const href = (range: string) => `${path}?${new URLSearchParams([...kept, ["range", range]])}`;
  return (
    <div className="flex flex-wrap items-end gap-2" role="group" aria-label="Time range">
      <nav aria-label="Preset ranges" className="flex rounded-md border border-gray-300 bg-white p-0.5">
        {PRESETS.map((p) => (
          <Link key={p.range} href={href(p.range)} aria-current={window.preset === p.range ? "true" : undefined}
            className={`rounded px-3 py-1.5 text-sm font-medium ${window.preset === p.range ? "bg-blue-700 text-white" : "text-gray-700 hover:bg-gray-100"}`}>
            {p.label}
          </Link>
        ))}
      </nav>
      <form method="get" action={path} className="flex flex-wrap items-end gap-2">
        {kept.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <input type="hidden" name="range" value="custom" />
        <label className="text-xs text-gray-600">
          From
          <input type="date" name="from" defaultValue={window.fromDate} required className={`${inputClass} py-1.5`} />
        </label>
        <label className="text-xs text-gray-600">
          To
          <input type="date" name="to" defaultValue={window.toDate} required className={`${inputClass} py-1.5`} />
        </label>
        <button type="submit" className={buttonClass("secondary")}>Apply</button>
      </form>
      <p className="w-full text-xs text-gray-500">{window.label}, days in {zone}</p>
    </div>
  );
}
