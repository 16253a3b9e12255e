// "By metadata": cost, success and latency per value of one metadata key, the key picked with a plain GET
// form (the window's fields travel along).
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { countOf, formatCount, formatMs, formatPercent, usdColumn } from "@/components/ui/format";
import { Money } from "@/components/ui/money";
import { Table, Td } from "@/components/ui/table";
import { loadBreakdown } from "@/lib/analytics/breakdown";
import type { TeamId } from "@/lib/auth/team-id";
import { BREAKDOWN_SAMPLE } from "@/lib/analytics/queries/get-metadata-breakdown";
import { rangeFields, type Window } from "@/lib/analytics/range";

type Props = { teamId: TeamId; path: string; window: Window; by?: string; keep?: Record<string, string | undefined> };

/** Nothing when the team's calls carry no metadata. */
export async function BreakdownCard({ teamId, path, window, by, keep = {} }: Props) {
  const breakdown = await loadBreakdown(teamId, window, by);
  if (!breakdown) return null;
  const { key, keys, values, sampled, more } = breakdown;
  const kept = rangeFields(window, keep);
  const cost = usdColumn(values.map((v) => v.costNanos));
  const perTask = usdColumn(values.map((v) => v.costPerTaskNanos));
  const note = [
    "Production calls; success weighs each task type by its tasks, as above.",
    sampled ? `From the window's latest ${formatCount(BREAKDOWN_SAMPLE)} calls (metadata is read from the calls, not the rollups).` : "",
    more > 0 ? `${countOf(more, "more value")} with less spend not shown.` : "",
  ].filter(Boolean).join(" ");
  return (
    <Card title="By metadata" description={note}>
      <form method="get" action={path} className="mb-3 flex flex-wrap items-end gap-2" aria-label="Metadata key">
        {kept.map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
        <label className="text-xs text-gray-600">
          Key
          <select name="by" defaultValue={key} className={`${inputClass} mt-0.5 py-1.5`}>
            {keys.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </label>
        <button type="submit" className={buttonClass("secondary")}>Show</button>
      </form>
      {values.length === 0 ? <p className="text-sm text-gray-600">No production calls in this window.</p> : (
        <Table caption={`Cost, success and latency by ${key}`} head={[key, "Tasks", "Cost", "Cost / task", "Success", "p50 / p95"]}>
          {values.map((v) => (
            <tr key={v.value ?? "(not set)"}>
              <Td className={v.value === null ? "italic text-gray-500" : "font-medium"}>{v.value ?? "(not set)"}</Td>
              <Td className="text-right tabular-nums">{formatCount(v.tasks)}</Td>
              <Td className="text-right tabular-nums"><Money text={v.costNanos === null ? null : cost(v.costNanos)} unpriced={v.unpriced} /></Td>
              <Td className="text-right tabular-nums"><Money text={v.costPerTaskNanos === null ? null : perTask(v.costPerTaskNanos)} unpriced={v.unpriced} /></Td>
              <Td className="text-right tabular-nums">{formatPercent(v.successRate)}<span className="block text-xs text-gray-500">n = {formatCount(v.labeled)}</span></Td>
              <Td className="text-right tabular-nums">{formatMs(v.latencyP50Ms)} / {formatMs(v.latencyP95Ms)}</Td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
