// Webhook deliveries of alert firings and resolutions (contracts §14) and of guard rollbacks, one
// "alerts.deliver" job per channel and change: the JSON body (or a Slack-compatible one, the same fields
// plus `text`), signed with the channel's secret in X-Switchyard-Signature, retried with the queue's
// backoff until a 2xx.
import crypto from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { db, type Sql } from "@/lib/db";
import { getSessionSecret } from "@/lib/auth/session-secret";
import { openSecret, sealSecret } from "@/lib/evaluators/secret";
import type { Evidence } from "@/lib/alerts/judge";
import type { Channel } from "@/lib/alerts/schema";
import { enqueueJobIn, type StepResult } from "@/lib/jobs/queue";
import { DELIVER_JOB } from "@/lib/alerts/job";

const TIMEOUT_MS = 10_000;
type Stored = Omit<Channel, "secret"> & { sealedSecret: string };

/** The channels as stored: each secret sealed under the instance secret, bound to its alert and position. */
export async function sealChannels(alertId: string, channels: Channel[]): Promise<Stored[]> {
  const secret = await getSessionSecret();
  return channels.map(({ secret: plain, ...c }, i) => ({ ...c, sealedSecret: sealSecret(plain, secret, `alert:${alertId}:${i}`) }));
}

export const signature = (body: string, secret: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;

type Payload = { alert: { id: string; name: string; kind: string }; state: "firing" | "resolved"; evidence: Evidence; policyVersion: number | null; ruleId: string | null };
/** A guard's rollback, announced once on the team's alert channels: §14's fields plus what was published. */
export type GuardPayload = Payload & { rollback: { to: number; newVersion: number }; message: string };

export function bodyOf(format: Channel["format"], p: Payload | GuardPayload): string {
  if (format === "json") return JSON.stringify(p);
  if ("rollback" in p) return JSON.stringify({ text: `:leftwards_arrow_with_hook: ${p.message}.`, ...p });
  const e = p.evidence;
  const value = e.value === null ? "no data" : p.alert.kind.endsWith("rate") ? `${(e.value * 100).toFixed(1)}%` : String(Math.round(e.value * 100) / 100);
  const where = p.policyVersion === null ? "" : ` under policy version ${p.policyVersion}${p.ruleId ? `, rule ${p.ruleId}` : ""}`;
  const text = `${p.state === "firing" ? ":rotating_light: Firing" : ":white_check_mark: Resolved"}: ${p.alert.name} (${p.alert.kind}) at ${value}, n = ${e.n}, ${e.from} to ${e.to}${where}.`;
  return JSON.stringify({ text, ...p });
}

/**
 * Queues a guard's rollback for every distinct channel (URL and format) of the team's unmuted alerts, in
 * the rollback's own transaction: a team that set up webhooks hears of it once on each.
 */
export async function announceGuardTrip(tx: Sql, teamId: TeamId, payload: GuardPayload) {
  const alerts = await tx.query<{ id: string; channels: Stored[] }>(`SELECT "id", "channels" FROM "Alert" WHERE "teamId" = $1 AND NOT "muted" ORDER BY "createdAt", "id"`, [teamId]);
  const seen = new Set<string>();
  for (const a of alerts) {
    for (const [channel, c] of a.channels.entries()) {
      const key = `${c.format} ${c.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await enqueueJobIn(tx, teamId, DELIVER_JOB, { alertId: a.id, channel, guard: payload });
    }
  }
}

type Delivery = { firingId: string; channel: number; state: "firing" | "resolved" } | { alertId: string; channel: number; guard: GuardPayload };

/** The alert's channel and the body to send on it, or why there is nothing to send. */
async function prepare(teamId: TeamId, d: Delivery): Promise<{ stored: Stored; alertId: string; body: (f: Channel["format"]) => string } | string> {
  if ("guard" in d) {
    const alert = await db().alert.findFirst({ where: { id: d.alertId, teamId } });
    const stored = (alert?.channels as Stored[] | undefined)?.[d.channel];
    return stored ? { stored, alertId: d.alertId, body: (f) => bodyOf(f, d.guard) } : "the alert or its channel was removed before delivery";
  }
  const firing = await db().alertFiring.findFirst({ where: { id: d.firingId, teamId }, include: { alert: true } });
  const stored = (firing?.alert.channels as Stored[] | undefined)?.[d.channel];
  if (!firing || !stored) return "the alert or its channel was removed before delivery";
  return {
    stored, alertId: firing.alertId,
    body: (f) => bodyOf(f, {
      alert: { id: firing.alertId, name: firing.alert.name, kind: firing.alert.kind }, state: d.state,
      evidence: (d.state === "firing" ? firing.evidence : firing.resolvedEvidence ?? firing.evidence) as Evidence,
      policyVersion: firing.policyVersion, ruleId: firing.ruleId,
    }),
  };
}

export async function deliverStep(job: { teamId: TeamId; payload: Record<string, unknown> }): Promise<StepResult> {
  const delivery = job.payload as Delivery;
  const ready = await prepare(job.teamId, delivery);
  if (typeof ready === "string") return { done: 0, finished: true, message: ready };
  const { stored, alertId } = ready;
  const secret = openSecret(stored.sealedSecret, await getSessionSecret(), `alert:${alertId}:${delivery.channel}`);
  if (!secret) return { done: 0, finished: true, message: "the channel's secret cannot be opened (the instance secret changed): save the channel again" };
  const body = ready.body(stored.format);
  const res = await fetch(stored.url, {
    method: "POST", body, signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: { "content-type": "application/json", "x-switchyard-signature": signature(body, secret), "user-agent": "switchyard-alerts" },
  }).catch((err: Error) => err);
  if (res instanceof Error) return { done: 0, finished: false, retry: `${stored.url}: ${res.message}` };
  if (!res.ok) return { done: 0, finished: false, retry: `${stored.url} answered ${res.status}` };
  return { done: 1, finished: true };
}
