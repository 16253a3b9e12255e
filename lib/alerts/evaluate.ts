// Evaluating a team's alerts, once a minute, as one step of its recurring "alerts.evaluate" job (lib/jobs):
// each alert is claimed for the minute atomically, so several instances never evaluate it twice; a change
// of state is recorded with its firing and the webhook deliveries in one transaction, so each firing and
// each resolution is announced once.
import { randomUUID } from "node:crypto";
import { chooseShares, type Policy } from "@switchyard/sdk/core";
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { getSpend } from "@/lib/analytics/queries/get-spend";
import { floorHour, localDate, localMonth, startOfLocalDay } from "@/lib/analytics/time-zone";
import { getEvidenceRows, tallyFor } from "@/lib/alerts/data";
import { judge, type Month } from "@/lib/alerts/judge";
import type { AlertKind, AlertScope, Threshold } from "@/lib/alerts/schema";
import { DELIVER_JOB } from "@/lib/alerts/job";
import { checkGuard } from "@/lib/policies/guard";
import { enqueueJobIn, type StepResult } from "@/lib/jobs/queue";

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** Production spend from the hour holding `from` through the hour holding `at`, in dollars. */
const spentUsd = async (teamId: TeamId, from: Date, at: Date) => Number((await getSpend(teamId, floorHour(from), new Date(at.getTime() + HOUR))).productionNanos) / 1e9;

async function monthSoFar(teamId: TeamId, at: Date, zone: string): Promise<Month> {
  const { start, days } = localMonth(at, zone);
  return { spentUsd: await spentUsd(teamId, start, at), elapsedDays: (at.getTime() - start.getTime()) / (24 * HOUR), days };
}

type Claimed = { id: string; name: string; kind: AlertKind; scope: AlertScope; threshold: Threshold; windowMinutes: number; channels: unknown[]; muted: boolean; firing: boolean };

/** The policy version in force and the rule that routes the scope's calls (the scope's own rule, if it names one). */
async function inForce(teamId: TeamId) {
  const latest = await db().policyVersion.findFirst({ where: { teamId }, orderBy: { version: "desc" }, select: { version: true, policy: true } });
  return {
    version: latest?.version ?? null,
    ruleOf: (scope: AlertScope) => scope.ruleId ?? (latest && scope.taskType
      ? chooseShares(latest.policy as Policy, { taskType: scope.taskType, contextTokens: 0, toolCount: 0 })[0]?.ruleId ?? null : null),
  };
}

/** Evaluates every alert of the team not yet evaluated for `now`'s minute; returns how many changed state. */
export async function evaluateAlerts(teamId: TeamId, now = new Date()) {
  const minute = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE);
  const claimed = await db().$queryRaw<Claimed[]>`
    UPDATE "Alert" SET "evaluatedAt" = ${minute}
    WHERE "teamId" = ${teamId} AND ("evaluatedAt" IS NULL OR "evaluatedAt" < ${minute})
    RETURNING "id", "name", "kind", "scope", "threshold", "windowMinutes", "channels", "muted", "firing"`;
  if (!claimed.length) return { evaluated: 0, changed: 0 };
  const maxWindow = Math.max(...claimed.map((a) => a.windowMinutes));
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { timeZone: true } });
  const kinds = new Set(claimed.map((a) => a.kind));
  const [rows, spentToday, month, policy] = await Promise.all([
    getEvidenceRows(teamId, minute, maxWindow),
    kinds.has("spend_daily") ? spentUsd(teamId, startOfLocalDay(localDate(minute, team.timeZone), team.timeZone), minute) : 0,
    kinds.has("spend_month") ? monthSoFar(teamId, minute, team.timeZone) : undefined,
    inForce(teamId),
  ]);
  let changed = 0;
  for (const alert of claimed) {
    const { recent, baseline } = tallyFor(rows, alert.scope, alert.windowMinutes);
    const from = new Date(minute.getTime() - alert.windowMinutes * MINUTE);
    const verdict = judge(alert.kind, alert.threshold, { recent, baseline, spentTodayUsd: spentToday, month, from, to: minute });
    if (!alert.firing && verdict.breached) changed += await fire(teamId, alert, minute, verdict.evidence, policy.version, policy.ruleOf(alert.scope));
    else if (alert.firing && verdict.recovered) changed += await resolve(teamId, alert, minute, verdict.evidence);
  }
  return { evaluated: claimed.length, changed };
}

/** Deliveries of a change to each channel, unless the alert is muted (the firing is still recorded). */
async function announce(tx: Parameters<Parameters<typeof sqlTransaction>[0]>[0], teamId: TeamId, alert: Claimed, firingId: string, state: "firing" | "resolved") {
  if (alert.muted) return;
  for (let channel = 0; channel < alert.channels.length; channel++) await enqueueJobIn(tx, teamId, DELIVER_JOB, { firingId, channel, state });
}

async function fire(teamId: TeamId, alert: Claimed, at: Date, evidence: object, version: number | null, ruleId: string | null) {
  return sqlTransaction(async (tx) => {
    // Only the evaluation that turns it on records the firing.
    const [on] = await tx.query(`UPDATE "Alert" SET "firing" = true WHERE "id" = $1 AND NOT "firing" RETURNING "id"`, [alert.id]);
    if (!on) return 0;
    const id = randomUUID();
    await tx.query(`INSERT INTO "AlertFiring" ("id", "teamId", "alertId", "firedAt", "evidence", "policyVersion", "ruleId") VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`,
      [id, teamId, alert.id, at, JSON.stringify(evidence), version, ruleId]);
    await announce(tx, teamId, alert, id, "firing");
    return 1;
  });
}

async function resolve(teamId: TeamId, alert: Claimed, at: Date, evidence: object) {
  return sqlTransaction(async (tx) => {
    const [off] = await tx.query(`UPDATE "Alert" SET "firing" = false WHERE "id" = $1 AND "firing" RETURNING "id"`, [alert.id]);
    if (!off) return 0;
    const [open] = await tx.query<{ id: string }>(
      `UPDATE "AlertFiring" SET "resolvedAt" = $2, "resolvedEvidence" = $3::jsonb WHERE "id" = (SELECT "id" FROM "AlertFiring" WHERE "alertId" = $1 AND "resolvedAt" IS NULL ORDER BY "firedAt" DESC LIMIT 1) RETURNING "id"`,
      [alert.id, at, JSON.stringify(evidence)]);
    if (open) await announce(tx, teamId, alert, open.id, "resolved");
    return 1;
  });
}

/**
 * The recurring job's step: this minute's alert evaluation and guard check, then sleep to the next minute;
 * done when the team has neither alerts nor a guarded version in force. Alerts first, so that a firing
 * names the version its window's calls were routed by, not the guard's rollback of it.
 */
export async function evaluateStep(job: { teamId: TeamId }, now = new Date()): Promise<StepResult> {
  const [alerts, latest] = await Promise.all([
    db().alert.count({ where: { teamId: job.teamId } }),
    db().policyVersion.findFirst({ where: { teamId: job.teamId }, orderBy: { version: "desc" }, select: { guard: true } }),
  ]);
  if (alerts === 0 && !latest?.guard) return { done: 0, finished: true };
  const { evaluated } = await evaluateAlerts(job.teamId, now);
  if (latest?.guard) await checkGuard(job.teamId, now);
  const next = new Date((Math.floor(now.getTime() / MINUTE) + 1) * MINUTE);
  return { done: evaluated, finished: false, wait: { until: next, reason: "evaluates the team's alerts every minute" } };
}
