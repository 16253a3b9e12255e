import type { Metadata } from "next";
import Link from "next/link";
import { AlertForm } from "@/components/alerts/alert-form";
import { InlineAction } from "@/components/settings/inline-action";
import { Card } from "@/components/ui/card";
import { formatCount, formatDollars, formatMs, formatPercent, formatShortDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { deleteAlertAction, markFiringsReadAction, setAlertMutedAction } from "@/lib/alerts/actions";
import { countUnreadFirings, listAlerts, listFirings } from "@/lib/alerts/data";
import type { Evidence } from "@/lib/alerts/judge";
import type { AlertScope, Threshold } from "@/lib/alerts/schema";
import { listDimensions } from "@/lib/analytics/queries/list-dimensions";
import { localDate } from "@/lib/analytics/time-zone";
import { canManageAlerts } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Alerts" };

const DAY_MS = 86_400_000;
const windowText = (m: number) => (m % 1440 === 0 ? `${m / 1440} d` : m % 60 === 0 ? `${m / 60} h` : `${m} min`);
const scopeText = (s: AlertScope) => [s.taskType, s.model, s.ruleId && `rule ${s.ruleId}`].filter(Boolean).join(" · ") || "All calls";

function thresholdText(kind: string, t: Threshold) {
  if (t.min !== undefined) return `below ${formatPercent(t.min)}`;
  if (t.dropPoints !== undefined) return `${t.dropPoints} points under the day before`;
  if (t.max !== undefined) return `above ${formatPercent(t.max)}`;
  if (t.maxMs !== undefined) return `above ${formatMs(t.maxMs)}`;
  if (t.maxUsd !== undefined) return `above ${formatDollars(t.maxUsd)} ${kind === "spend_month" ? "this month (projected)" : "today"}`;
  return kind === "silence" ? "no calls" : "any";
}

function valueText(kind: string, v: number | null) {
  if (v === null) return "—";
  if (kind === "latency_p95") return formatMs(v);
  if (kind === "spend_daily" || kind === "spend_month") return formatDollars(v);
  if (kind === "silence" || kind === "unpriced") return formatCount(v);
  return formatPercent(v);
}

export default async function AlertsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const now = new Date();
  const [alerts, firings, unread, dimensions] = await Promise.all([
    listAlerts(team.id), listFirings(team.id, new Date(now.getTime() - 30 * DAY_MS), new Date(now.getTime() + 60_000)), countUnreadFirings(team.id), listDimensions(team.id),
  ]);
  const manage = canManageAlerts(role);
  const scopes = new Map(alerts.map((a) => [a.id, a.scope as AlertScope]));
  const callsLink = (alertId: string, e: Evidence) => {
    const s = scopes.get(alertId) ?? {};
    const q = new URLSearchParams({ range: "custom", from: localDate(new Date(e.from), team.timeZone), to: localDate(new Date(e.to), team.timeZone) });
    if (s.taskType) q.set("taskType", s.taskType);
    if (s.model) q.set("model", s.model);
    return `/${slug}/calls?${q}`;
  };
  return (
    <>
      <PageHeader title="Alerts" description="Success, errors, latency, spend and silence per task type and model, judged every minute; firings go to the bell and to webhooks. A rate fires only on 30 or more calls whose 99% interval lies wholly past the threshold: at a true rate exactly at it, a minute's evaluation fires at most 0.5% of the time." />
      <div className="space-y-6">
        <Card title="Firings" description={`The last 30 days, newest first.${unread ? ` ${formatCount(unread)} unread.` : firings.length ? " All read." : ""}`}>
          {unread > 0 && <div className="mb-3"><InlineAction action={markFiringsReadAction.bind(null, slug)} fields={{}} label="Mark all read" pendingLabel="Marking…" variant="secondary" /></div>}
          {firings.length === 0 ? <p className="text-sm text-gray-600">Nothing has fired in the last 30 days.</p> : (
            <Table caption="Alert firings" head={["Fired", "Alert", "Evidence", "Policy", "Resolved", ""]}>
              {firings.map((f) => {
                const e = f.evidence as Evidence;
                return (
                  <tr key={f.id} className={f.readAt ? "" : "bg-amber-50"}>
                    <Td>{formatShortDateTime(f.firedAt, team.timeZone)}</Td>
                    <Td className="font-medium">{f.alert.name}<span className="block text-xs font-normal text-gray-500">{f.alert.kind}</span></Td>
                    <Td className="whitespace-normal text-xs">
                      {valueText(f.alert.kind, e.value)}, n = {formatCount(e.n)}
                      {e.low !== null && e.high !== null && <> (99%: {valueText(f.alert.kind, e.low)}–{valueText(f.alert.kind, e.high)})</>}
                      {e.baseline !== null && <>, day before {valueText(f.alert.kind, e.baseline)}</>}
                    </Td>
                    <Td>{f.policyVersion === null ? "—" : `v${f.policyVersion}${f.ruleId ? ` · ${f.ruleId}` : ""}`}</Td>
                    <Td>{f.resolvedAt ? formatShortDateTime(f.resolvedAt, team.timeZone) : <span className="font-medium text-red-700">firing</span>}</Td>
                    <Td><Link className="text-blue-800 underline" href={callsLink(f.alertId, e)}>Calls</Link></Td>
                  </tr>
                );
              })}
            </Table>
          )}
        </Card>

        <Card title="Rules">
          {alerts.length === 0 ? <p className="text-sm text-gray-600">No alerts yet.{manage ? " Create one below: it is evaluated every minute from then on." : " Owners and admins create them."}</p> : (
            <Table caption="Alert rules" head={["Name", "When", "Scope", "Window", "State", ...(manage ? [""] : [])]}>
              {alerts.map((a) => (
                <tr key={a.id}>
                  <Td className="font-medium">{a.name}</Td>
                  <Td className="whitespace-normal">{a.kind.replace("_", " ")} {thresholdText(a.kind, a.threshold as Threshold)}</Td>
                  <Td>{scopeText(a.scope as AlertScope)}</Td>
                  <Td>{windowText(a.windowMinutes)}</Td>
                  <Td>{a.firing ? <span className="font-medium text-red-700">firing</span> : "ok"}{a.muted && <span className="ml-1 text-xs text-gray-500">(muted)</span>}</Td>
                  {manage && (
                    <Td>
                      <div className="flex gap-2">
                        <InlineAction action={setAlertMutedAction.bind(null, slug)} fields={{ id: a.id, muted: a.muted ? "0" : "1" }} label={a.muted ? "Unmute" : "Mute"} pendingLabel="Saving…" variant="secondary" />
                        <InlineAction action={deleteAlertAction.bind(null, slug)} fields={{ id: a.id }} label="Delete" pendingLabel="Deleting…" confirm={`Delete the alert "${a.name}" and its firings?`} />
                      </div>
                    </Td>
                  )}
                </tr>
              ))}
            </Table>
          )}
        </Card>

        {manage && <Card title="New alert"><AlertForm slug={slug} dimensions={dimensions} /></Card>}
      </div>
    </>
  );
}
