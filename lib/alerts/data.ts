// Alert reads: the rules, their firings, and the evidence one evaluation needs. The evidence comes from
// one grouped read of the team's calls per evaluation (not one per rule): the last hours by minute of
// age and scope, and the day before them as the baseline, so a hundred rules cost one scan.
import type { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import type { Tally } from "@/lib/alerts/judge";
import type { AlertScope } from "@/lib/alerts/schema";

export const BASELINE_MINUTES = 24 * 60;

/** Calls of one scope key (task type, model, policy rule) at one age in minutes (null: the baseline). */
export type EvidenceRow = Tally & { taskType: string; model: string; ruleId: string | null; age: number | null };

/** Production calls of [now - maxMinutes, now) by minute of age, and of the day before as one baseline row per key. */
export async function getEvidenceRows(teamId: TeamId, now: Date, maxMinutes: number): Promise<EvidenceRow[]> {
  const windowStart = new Date(now.getTime() - maxMinutes * 60_000);
  const baselineStart = new Date(windowStart.getTime() - BASELINE_MINUTES * 60_000);
  const rows = await db().$queryRaw<(Record<"calls" | "errors" | "success" | "failure" | "unpriced", bigint> & { taskType: string; model: string; ruleId: string | null; age: number | null; latencies: number[] | null })[]>`
    SELECT "taskType", "model", "ruleId",
           CASE WHEN "ts" >= ${windowStart} THEN floor(extract(epoch FROM (${now}::timestamptz - "ts")) / 60)::int END AS age,
           count(*)::int8 AS calls, count(*) FILTER (WHERE "status" = 1 AND "errorType" IS DISTINCT FROM 'aborted')::int8 AS errors,
           count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1)::int8 AS success,
           count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)::int8 AS failure,
           count(*) FILTER (WHERE "costNanos" IS NULL)::int8 AS unpriced,
           array_agg("latencyMs"::float8) FILTER (WHERE "ts" >= ${windowStart}) AS latencies
    FROM "Call"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${baselineStart} AND "ts" < ${now} AND "shadowOf" IS NULL
    GROUP BY 1, 2, 3, 4`;
  return rows.map((r) => ({
    taskType: r.taskType, model: r.model, ruleId: r.ruleId, age: r.age, calls: Number(r.calls), errors: Number(r.errors),
    success: Number(r.success), failure: Number(r.failure), unpriced: Number(r.unpriced), latencies: r.latencies ?? [],
  }));
}

export const inScope = (s: AlertScope, r: Pick<EvidenceRow, "taskType" | "model" | "ruleId">) =>
  (s.taskType === undefined || s.taskType === r.taskType) && (s.model === undefined || s.model === r.model) && (s.ruleId === undefined || s.ruleId === r.ruleId);

/** The rule's window and baseline from the grouped rows. */
export function tallyFor(rows: EvidenceRow[], scope: AlertScope, windowMinutes: number) {
  const empty = (): Tally => ({ calls: 0, errors: 0, success: 0, failure: 0, unpriced: 0, latencies: [] });
  const recent = empty(), baseline = empty();
  for (const r of rows) {
    if (!inScope(scope, r)) continue;
    const into = r.age === null ? baseline : r.age < windowMinutes ? recent : null;
    if (!into) continue;
    for (const k of ["calls", "errors", "success", "failure", "unpriced"] as const) into[k] += r[k];
    if (into === recent) for (const v of r.latencies) into.latencies.push(v);
  }
  return { recent, baseline };
}

const LISTED = { id: true, name: true, kind: true, scope: true, threshold: true, windowMinutes: true, channels: true, muted: true, firing: true, evaluatedAt: true, createdAt: true } satisfies Prisma.AlertSelect;

/** The team's alerts as the API lists them: channels without their secrets. */
export async function listAlerts(teamId: TeamId) {
  const rows = await db().alert.findMany({ where: { teamId }, select: LISTED, orderBy: { createdAt: "asc" } });
  return rows.map(publicAlert);
}

export function publicAlert<T extends { channels: Prisma.JsonValue }>(a: T) {
  const channels = (a.channels as { type: string; url: string; format: string }[]).map(({ type, url, format }) => ({ type, url, format }));
  return { ...a, channels };
}

export async function listFirings(teamId: TeamId, from: Date, to: Date, take = 500) {
  return db().alertFiring.findMany({
    where: { teamId, firedAt: { gte: from, lt: to } }, orderBy: { firedAt: "desc" }, take,
    select: { id: true, alertId: true, firedAt: true, evidence: true, policyVersion: true, ruleId: true, resolvedAt: true, resolvedEvidence: true, readAt: true, alert: { select: { name: true, kind: true } } },
  });
}

/** The bell's count: firings nobody marked read. */
export const countUnreadFirings = (teamId: string) => db().alertFiring.count({ where: { teamId, readAt: null } });
