// Webhook deliveries of alert firings and resolutions (contracts §14), one "alerts.deliver" job per
// channel and change: the JSON body (or a Slack-compatible one, the same fields plus `text`), signed with
// the channel's secret in X-Switchyard-Signature, retried with the queue's backoff until a 2xx.
import crypto from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { getSessionSecret } from "@/lib/auth/session-secret";
import { openSecret, sealSecret } from "@/lib/evaluators/secret";
import type { Evidence } from "@/lib/alerts/judge";
import type { Channel } from "@/lib/alerts/schema";
import type { StepResult } from "@/lib/jobs/queue";

const TIMEOUT_MS = 10_000;
type Stored = Omit<Channel, "secret"> & { sealedSecret: string };

/** The channels as stored: each secret sealed under the instance secret, bound to its alert and position. */
export async function sealChannels(alertId: string, channels: Channel[]): Promise<Stored[]> {
  const secret = await getSessionSecret();
  return channels.map(({ secret: plain, ...c }, i) => ({ ...c, sealedSecret: sealSecret(plain, secret, `alert:${alertId}:${i}`) }));
}

export const signature = (body: string, secret: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;

type Payload = { alert: { id: string; name: string; kind: string }; state: "firing" | "resolved"; evidence: Evidence; policyVersion: number | null; ruleId: string | null };

export function bodyOf(format: Channel["format"], p: Payload): string {
  if (format === "json") return JSON.stringify(p);
  const e = p.evidence;
  const value = e.value === null ? "no data" : p.alert.kind.endsWith("rate") ? `${(e.value * 100).toFixed(1)}%` : String(Math.round(e.value * 100) / 100);
  const where = p.policyVersion === null ? "" : ` under policy version ${p.policyVersion}${p.ruleId ? `, rule ${p.ruleId}` : ""}`;
  const text = `${p.state === "firing" ? ":rotating_light: Firing" : ":white_check_mark: Resolved"}: ${p.alert.name} (${p.alert.kind}) at ${value}, n = ${e.n}, ${e.from} to ${e.to}${where}.`;
  return JSON.stringify({ text, ...p });
}

export async function deliverStep(job: { teamId: TeamId; payload: Record<string, unknown> }): Promise<StepResult> {
  const { firingId, channel, state } = job.payload as { firingId: string; channel: number; state: "firing" | "resolved" };
  const firing = await db().alertFiring.findFirst({ where: { id: firingId, teamId: job.teamId }, include: { alert: true } });
  const stored = (firing?.alert.channels as Stored[] | undefined)?.[channel];
  if (!firing || !stored) return { done: 0, finished: true, message: "the alert or its channel was removed before delivery" };
  const secret = openSecret(stored.sealedSecret, await getSessionSecret(), `alert:${firing.alertId}:${channel}`);
  if (!secret) return { done: 0, finished: true, message: "the channel's secret cannot be opened (the instance secret changed): save the channel again" };
  const body = bodyOf(stored.format, {
    alert: { id: firing.alertId, name: firing.alert.name, kind: firing.alert.kind }, state,
    evidence: (state === "firing" ? firing.evidence : firing.resolvedEvidence ?? firing.evidence) as Evidence,
    policyVersion: firing.policyVersion, ruleId: firing.ruleId,
  });
  const res = await fetch(stored.url, {
    method: "POST", body, signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { "content-type": "application/json", "x-switchyard-signature": signature(body, secret), "user-agent": "switchyard-alerts" },
  }).catch((err: Error) => err);
  if (res instanceof Error) return { done: 0, finished: false, retry: `${stored.url}: ${res.message}` };
  if (!res.ok) return { done: 0, finished: false, retry: `${stored.url} answered ${res.status}` };
  return { done: 1, finished: true };
}
