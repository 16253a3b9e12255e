// Guarded publishes (contracts §10): a version published with a guard is watched once a minute (by the
// team's evaluation job). When a task type it changed (routes differently from the version before) falls
// below the guard's floor, or below the lower bound its projection promised, on at least 30 labeled tasks
// and with the 99% interval wholly below, the version before it is published again, by "Switchyard
// (guard)", with the evidence in its message and the audit log; every SDK follows within a second, and the
// team's alert webhooks hear of it once each.
import { chooseShares, type Policy } from "@switchyard/sdk/core";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { wilson } from "@/lib/analytics/stats";
import { MIN_SAMPLE, Z99 } from "@/lib/alerts/judge";
import { announceGuardTrip } from "@/lib/alerts/deliver";
import { guardRollback } from "@/lib/policies/mutations";
import { readProjection } from "@/lib/policies/projection";
import { getRealized } from "@/lib/policies/realized";
import type { Guard } from "@/lib/policies/schema";

const routes = (policy: Policy, taskType: string) =>
  JSON.stringify(chooseShares(policy, { taskType, contextTokens: 0, toolCount: 0 }).map((s) => [s.model, s.share]).sort());

/** Whether the version routes the task type differently from the one before (by task type alone). */
export const changedTaskType = (before: Policy, after: Policy, taskType: string) => routes(before, taskType) !== routes(after, taskType);

export type GuardTrip = { version: number; rolledBackTo: number; newVersion: number; taskType: string; labeled: number; successRate: number; low: number; high: number; floor: number };

/** Checks the version in force if it is guarded; rolls it back and says why when it tripped, else null. */
export async function checkGuard(teamId: TeamId, now = new Date()): Promise<GuardTrip | null> {
  const [current, previous] = await db().policyVersion.findMany({
    where: { teamId }, orderBy: { version: "desc" }, take: 2, select: { version: true, policy: true, projection: true, guard: true, publishedAt: true },
  });
  if (!current?.guard || !previous) return null;
  const guard = current.guard as Guard;
  const projection = readProjection(current.projection);
  const realized = await getRealized(teamId, current.version, current.publishedAt, now);
  for (const r of realized.byTaskType) {
    if (r.labeled < MIN_SAMPLE || !changedTaskType(previous.policy as Policy, current.policy as Policy, r.taskType)) continue;
    const promised = guard.belowProjection ? projection?.byTaskType.find((t) => t.taskType === r.taskType)?.successRateLow ?? null : null;
    const floors = [guard.minSuccess ?? null, promised].filter((f): f is number => f !== null);
    if (!floors.length) continue;
    const floor = Math.max(...floors);
    const { low, high } = wilson(r.success, r.labeled, Z99)!;
    if (high >= floor) continue;
    const rate = r.success / r.labeled;
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    const message = `Guard: version ${current.version} rolled back: ${r.taskType} succeeded ${pct(rate)} of ${r.labeled} labeled tasks ` +
      `(99% interval ${pct(low)}–${pct(high)}), below ${pct(floor)}${promised !== null && floor === promised ? " (its projection's lower bound)" : ""}`;
    const evidence = { n: r.labeled, value: rate, low, high, baseline: floor, from: current.publishedAt.toISOString(), to: now.toISOString() };
    const newVersion = await guardRollback(teamId, current.version, previous.version, message, (tx, v) => announceGuardTrip(tx, teamId, {
      alert: { id: `guard:${current.version}`, name: `Guard on policy version ${current.version} (${r.taskType})`, kind: "guard" }, state: "firing",
      evidence, policyVersion: current.version, ruleId: null, rollback: { to: previous.version, newVersion: v }, message,
    }));
    // Another evaluator rolled it back first.
    if (newVersion === null) return null;
    return { version: current.version, rolledBackTo: previous.version, newVersion, taskType: r.taskType, labeled: r.labeled, successRate: rate, low, high, floor };
  }
  return null;
}
