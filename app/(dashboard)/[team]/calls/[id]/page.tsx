import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RelatedCalls } from "@/components/analytics/call-table";
import { OutcomeBadge, StatusBadge } from "@/components/analytics/outcome-badge";
import { Card } from "@/components/ui/card";
import { formatCount, formatDateTime, formatMs, formatUsd } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { loadCall } from "@/lib/analytics/calls";
import { requireTeam } from "@/lib/auth/session";
import { decodeSegment } from "@/lib/http/params";

export const metadata: Metadata = { title: "Call" };

type Props = { params: Promise<{ team: string; id: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function CallPage({ params, searchParams }: Props) {
  const { team: slug, id } = await params;
  const { team } = await requireTeam(slug);
  const callId = decodeSegment(id);
  const found = callId === null ? null : await loadCall(team.id, callId);
  if (!found) notFound();
  const { call, content, attempts, shadows, scores, review } = found;
  const source = call.traceOutcome !== null ? " (from its trace)" : call.outcome === null ? "" : call.outcomeSource === 2 ? " (from a review)" : call.outcomeSource === 3 ? " (from its evaluators)" : " (from the app)";
  const back = new URLSearchParams(Object.entries(await searchParams).filter((e): e is [string, string] => Boolean(e[1])));
  const fields: [string, React.ReactNode][] = [
    ["Time", formatDateTime(call.ts, team.timeZone)],
    ["Task type", <Link key="t" className="text-blue-800 underline" href={`/${slug}/tasks/${encodeURIComponent(call.taskType)}`}>{call.taskType}</Link>],
    ["Model", `${call.model}${call.provider ? ` (${call.provider})` : ""}`],
    ["Status", <StatusBadge key="s" status={call.status} errorType={call.errorType} />],
    ["Outcome", <span key="o"><OutcomeBadge outcome={call.traceOutcome ?? call.outcome} />{source}{call.outcomeReason && ` ${call.outcomeReason}`}</span>],
    ["Latency / TTFT", `${formatMs(call.latencyMs)} / ${formatMs(call.ttftMs)}`],
    ["Input / output tokens", `${formatCount(call.inputTokens)} / ${formatCount(call.outputTokens)}`],
    ["Cached / reasoning tokens", `${formatCount(call.cachedTokens ?? 0)} / ${formatCount(call.reasoningTokens ?? 0)}`],
    ["Cost", call.costNanos === null ? "unpriced (model not in the price catalog)" : formatUsd(call.costNanos)],
    ["Context tokens / tools offered / tool calls", `${formatCount(call.contextTokens)} / ${call.toolCount} / ${call.toolCallCount}`],
    ["Attempt", call.attempt > 1 ? `${call.attempt}${call.escalatedFrom ? `, escalated from ${call.escalatedFrom}` : ""}` : "1"],
    ["Trace", call.traceId ? <Link key="tr" className="text-blue-800 underline" href={`/${slug}/traces/${encodeURIComponent(call.traceId)}`}>{call.traceId}{call.stepIndex === null ? "" : ` step ${call.stepIndex}`}</Link> : "—"],
    ["Shadow of", call.shadowOf ? <Link key="sh" className="text-blue-800 underline" href={`/${slug}/calls/${encodeURIComponent(call.shadowOf)}`}>{call.shadowOf}</Link> : "—"],
    ["Policy version / rule", call.policyVersion ? `v${call.policyVersion}${call.ruleId ? ` / ${call.ruleId}` : ""}${call.propensity !== null ? ` (picked with probability ${call.propensity.toPrecision(3)})` : ""}` : "—"],
  ];
  const metadata = Object.entries((call.metadata ?? {}) as Record<string, string>);
  return (
    <>
      <PageHeader title={`Call ${call.id}`} />
      <Link href={`/${slug}/calls?${back}`} className="text-sm text-blue-800 underline">← Calls</Link>
      <div className="mt-4 space-y-4">
        <Card>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 sm:grid-cols-2">
            {fields.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs text-gray-600">{k}</dt>
                <dd className="text-sm">{v}</dd>
              </div>
            ))}
          </dl>
          {metadata.length > 0 && (
            <div className="mt-4">
              <h3 className="text-xs text-gray-600">Metadata</h3>
              <ul className="mt-1 flex flex-wrap gap-2">
                {metadata.map(([k, v]) => (
                  <li key={k}><Link className="rounded bg-gray-100 px-2 py-0.5 text-xs" href={`/${slug}/calls?meta=${encodeURIComponent(`${k}=${v}`)}`}>{k}={v}</Link></li>
                ))}
              </ul>
            </div>
          )}
        </Card>
        {attempts.length > 1 && <Card title="Attempts of this task"><RelatedCalls caption="Attempts" calls={attempts} slug={slug} zone={team.timeZone} current={call.id} /></Card>}
        {shadows.length > 0 && <Card title="Shadow evaluations" description="The same request sent to another model to measure it; not part of production spend."><RelatedCalls caption="Shadow calls" calls={shadows} slug={slug} zone={team.timeZone} current={call.id} /></Card>}
        {(scores.length > 0 || review) && (
          <Card title="Verdicts" description="Every evaluator version that judged this call, and the human review. The outcome follows the app's label, else the review, else the current evaluators.">
            <ul className="space-y-2 text-sm">
              {review && (
                <li><strong>Review</strong>: {review.verdict === null ? "skipped" : <OutcomeBadge outcome={review.verdict} />} in {Math.round(review.seconds)} s, {formatDateTime(review.at, team.timeZone)}{review.reason && ` · ${review.reason}`}</li>
              )}
              {scores.map((s) => (
                <li key={`${s.evaluatorId}|${s.version}`} className={s.current ? "" : "text-gray-500"}>
                  <strong>{s.name}</strong> v{s.version}{s.current ? "" : s.latest ? " (evaluator disabled)" : " (earlier version)"}: <OutcomeBadge outcome={s.verdict} />
                  {s.reason && <span className="break-words"> · {s.reason}</span>}
                  {s.costNanos !== null && ` · judge cost ${formatUsd(s.costNanos)}`} · {formatDateTime(s.at, team.timeZone)}
                </li>
              ))}
            </ul>
          </Card>
        )}
        <Card title="Content">
          {content ? (
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
              {([["Input", content.input], ["Output", content.output]] as const).map(([label, text]) => (
                <div key={label}>
                  <h3 className="text-xs text-gray-600">{label}</h3>
                  <pre className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-gray-50 p-3 text-xs">{text ?? "(none)"}</pre>
                </div>
              ))}
            </div>
          ) : (
            team.captureContent
              ? <p className="text-sm text-gray-600">No prompt or response came with this call (the app&apos;s SDK sends them when its capture is on), or it is past the team&apos;s content retention.</p>
              : <p className="text-sm text-gray-600">Not captured. Teams that turn on <Link className="underline" href={`/${slug}/settings`}>content capture</Link> keep the prompt and response of calls logged after that.</p>
          )}
        </Card>
      </div>
    </>
  );
}
