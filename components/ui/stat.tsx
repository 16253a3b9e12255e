// One figure with its label and an optional line under it (trend, interval, sample size).
export function Stat({ label, value, note, tone }: { label: string; value: React.ReactNode; note?: React.ReactNode; tone?: "up" | "down" }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-gray-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{value}</dd>
      {note && <dd className={`mt-1 text-xs ${tone === "up" ? "text-amber-700" : tone === "down" ? "text-green-700" : "text-gray-500"}`}>{note}</dd>}
    </div>
  );
}
