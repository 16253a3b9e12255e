import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OutcomeBadge, StatusBadge } from "@/components/analytics/outcome-badge";
import { TraceWaterfall } from "@/components/analytics/trace-waterfall";
import { Card } from "@/components/ui/card";
import { formatCount, formatDateTime, formatMs, formatUsd, usdColumn } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { loadTrace } from "@/lib/analytics/calls";
import { requireTeam } from "@/lib/auth/session";
import { decodeSegment } from "@/lib/http/params";

export const metadata: Metadata = { title: "Trace" };

export default async function TracePage({ params }: { params: Promise<{ team: string; traceId: string }> }) {
  const { team: slug, traceId: raw } = await params;
  const { team } = await requireTeam(slug);
  const traceId = decodeSegment(raw);
  if (traceId === null) notFound();
  const { steps, label } = await loadTrace(team.id, traceId);
  const usd = usdColumn(steps.map((s) => s.cost));
  if (steps.length === 0) notFound();
  const total = steps.reduce((n, s) => n + BigInt(s.cost ?? 0), 0n);
  const unpriced = steps.filter((s) => s.cost === null).length;
  const cost = unpriced === steps.length ? "cost unknown (unpriced models)" : unpriced ? `${formatUsd(total)} (leaves out ${unpriced} unpriced ${unpriced === 1 ? "call" : "calls"})` : formatUsd(total);
  return (
    <>
      <PageHeader title={`Trace ${traceId}`} description={`${steps[0].taskType}, ${steps.length} ${steps.length === 1 ? "call" : "calls"}, ${cost}`} />
      <Link href={`/${slug}/traces`} className="text-sm text-blue-800 underline">← Traces</Link>
      <div className="mt-4 space-y-4">
        <Card title="Run outcome">
          <p className="text-sm">
            <OutcomeBadge outcome={label?.outcome ?? null} />{" "}
            {label ? <>labeled {formatDateTime(label.updatedAt, team.timeZone)}{label.reason && `: ${label.reason}`}</> : "No label for the whole run yet (POST /api/v1/outcomes with this traceId)."}
          </p>
        </Card>
        <Card title="Timeline" description="Each call from its start for its duration; colour is the model, a red ring a failed call, faded bars shadow calls.">
          <TraceWaterfall steps={steps} href={(id) => `/${slug}/calls/${encodeURIComponent(id)}`} />
        </Card>
        <Table caption="Steps in order" head={["Step", "Model", "Attempt", "Status", "Step outcome", "Latency", "Tokens in / out", "Tool calls", "Cost"]}>
          {steps.map((s) => (
            <tr key={s.id}>
              <Td><Link className="text-blue-800 underline" href={`/${slug}/calls/${encodeURIComponent(s.id)}`}>{s.stepIndex === null ? "—" : s.stepIndex}</Link></Td>
              <Td>{s.model}{s.shadowOf && <span className="ml-1 text-xs text-violet-700">shadow</span>}</Td>
              <Td className="tabular-nums">{s.attempt}</Td>
              <Td><StatusBadge status={s.status} errorType={s.errorType} /></Td>
              <Td><OutcomeBadge outcome={s.outcome} /></Td>
              <Td className="text-right tabular-nums">{formatMs(s.latencyMs)}</Td>
              <Td className="text-right tabular-nums">{formatCount(s.inputTokens)} / {formatCount(s.outputTokens)}</Td>
              <Td className="text-right tabular-nums">{s.toolCallCount}</Td>
              <Td className="text-right tabular-nums">{s.cost === null ? "unpriced" : usd(s.cost)}</Td>
            </tr>
          ))}
        </Table>
      </div>
    </>
  );
}
