import Link from "next/link";
import { OutcomeBadge, StatusBadge } from "@/components/analytics/outcome-badge";
import { formatCount, formatDateTime, formatMs, usdColumn } from "@/components/ui/format";
import { Table, Td } from "@/components/ui/table";
import type { CallListRow } from "@/lib/analytics/queries/list-calls";

/** A short list of related calls (attempts, shadow twins), each linking to its own page. */
export function RelatedCalls({ caption, calls, slug, zone, current }: { caption: string; calls: CallListRow[]; slug: string; zone: string; current: string }) {
  const usd = usdColumn(calls.map((c) => c.cost));
  return (
    <Table caption={caption} head={["Attempt", "Time", "Model", "Status", "Outcome", "Latency", "Tokens in / out", "Cost"]}>
      {calls.map((c) => (
        <tr key={c.id} aria-current={c.id === current ? "true" : undefined} className={c.id === current ? "bg-blue-50" : ""}>
          <Td>{c.id === current ? `${c.attempt} (this call)` : <Link className="text-blue-800 underline" href={`/${slug}/calls/${encodeURIComponent(c.id)}`}>{c.attempt}</Link>}</Td>
          <Td>{formatDateTime(new Date(c.ts), zone)}</Td>
          <Td>{c.model}</Td>
          <Td><StatusBadge status={c.status} errorType={c.errorType} /></Td>
          <Td><OutcomeBadge outcome={c.outcome} /></Td>
          <Td className="text-right tabular-nums">{formatMs(c.latencyMs)}</Td>
          <Td className="text-right tabular-nums">{formatCount(c.inputTokens)} / {formatCount(c.outputTokens)}</Td>
          <Td className="text-right tabular-nums">{c.cost === null ? "unpriced" : usd(c.cost)}</Td>
        </tr>
      ))}
    </Table>
  );
}
