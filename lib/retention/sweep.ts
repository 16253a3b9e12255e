// Removing what a team's retention no longer keeps, a batch per job step so no statement holds locks for
// long and the worker yields to ingest between steps (lib/jobs/worker.ts): raw calls older than
// retentionDays with their content, scores, review items and reviews; then content alone older than
// contentRetentionDays. Rollups and task sizes stay, so analytics of those days still answer.
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import type { StepResult } from "@/lib/jobs/queue";
import { removeDependents } from "@/lib/retention/dependents";
import { dropExpiredCalls, dropExpiredDay, keptByAllSince } from "@/lib/retention/drop-partitions";

const DAY_MS = 86_400_000;
export const SWEEP_BATCH = 5000;
const SETTLE_MS = 10 * 60_000;

/** The instant before which a team's raw calls are not kept. */
export const retainedSince = (retentionDays: number, now: Date) => new Date(now.getTime() - retentionDays * DAY_MS);

/**
 * Removes up to `limit` of the team's oldest calls before `before`, and what hangs off them; returns how
 * many calls. The bound on "ts" keeps the delete to the partitions that can hold such calls.
 */
export async function removeCalls(teamSeq: number, before: Date, limit = SWEEP_BATCH) {
  const [{ n }] = await sqlTransaction((sql) =>
    sql.query<{ n: number }>(
      `WITH oldest AS (SELECT "ts", "id" FROM "Call" WHERE "teamSeq" = $1 AND "ts" < $2 ORDER BY "ts" LIMIT $3),
       gone AS (DELETE FROM "Call" c USING oldest o WHERE c."teamSeq" = $1 AND c."ts" < $2 AND c."ts" = o."ts" AND c."id" = o."id" RETURNING c."teamSeq", c."id"),
       ${removeDependents("gone", { before: "$2" })}
       SELECT count(*)::int AS n FROM gone`,
      [teamSeq, before, limit],
    ),
  );
  return n;
}

/**
 * Removes the content of up to `limit` calls from `from` up to `before`, oldest first; returns how many
 * calls it looked at and the ts of the last, where the next batch starts (content-less calls are passed
 * over once, not rescanned every batch).
 */
export async function removeContent(teamSeq: number, from: Date, before: Date, limit = SWEEP_BATCH) {
  const [row] = await db().$queryRaw<{ n: number; last: Date | null }[]>`
    WITH batch AS (
      SELECT "id", "ts" FROM "Call" WHERE "teamSeq" = ${teamSeq} AND "ts" >= ${from} AND "ts" < ${before} ORDER BY "ts" LIMIT ${limit}),
    gone AS (DELETE FROM "CallContent" WHERE "teamSeq" = ${teamSeq} AND "ts" >= ${from} AND "ts" < ${before} AND "callId" IN (SELECT "id" FROM batch))
    SELECT count(*)::int AS n, max("ts") AS last FROM batch`;
  return { looked: row.n, last: row.last };
}

/** Labels waiting for calls, and run outcomes, that no call within retention can use any more. */
async function removeStaleLabels(teamSeq: number, before: Date) {
  await db().$executeRaw`DELETE FROM "PendingOutcome" WHERE "teamSeq" = ${teamSeq} AND "createdAt" < ${before}`;
  await db().$executeRaw`DELETE FROM "TraceOutcome" WHERE "teamSeq" = ${teamSeq} AND "updatedAt" < ${before}`;
}

/**
 * One step of the team's sweep: a day's calls or content that no team keeps (a partition), else a batch of
 * the team's calls, else a batch of its content, else rest until tomorrow.
 */
export async function retentionStep(job: { teamId: TeamId; payload: Record<string, unknown> }, now = new Date(), batch = SWEEP_BATCH): Promise<StepResult> {
  const team = await db().team.findUnique({ where: { id: job.teamId }, select: { seq: true, retentionDays: true, contentRetentionDays: true } });
  if (!team) return { done: 0, finished: true };
  const kept = await sqlTransaction((sql) => keptByAllSince(sql, now));
  const dropped = await dropExpiredCalls(kept.calls);
  if (dropped) return { done: dropped.calls, finished: false };
  if ((await dropExpiredDay("CallContent", kept.content)) || (await dropExpiredDay("Score", kept.calls))) return { done: 0, finished: false };
  const callsBefore = retainedSince(team.retentionDays, now);
  const calls = await removeCalls(team.seq, callsBefore, batch);
  if (calls === batch) return { done: calls, finished: false };
  const contentDays = team.contentRetentionDays;
  if (contentDays !== null && contentDays < team.retentionDays) {
    const saved = typeof job.payload.contentFrom === "string" ? new Date(job.payload.contentFrom) : callsBefore;
    const from = saved > callsBefore ? saved : callsBefore;
    const { looked, last } = await removeContent(team.seq, from, retainedSince(contentDays, now), batch);
    if (looked === batch) return { done: calls, finished: false, payload: { contentFrom: last!.toISOString() } };
  }
  await removeStaleLabels(team.seq, callsBefore);
  // Just after UTC midnight, so the day being cut has minutes of calls to delete row by row; whole days go as partitions.
  const until = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS + SETTLE_MS);
  return { done: calls, finished: false, payload: { contentFrom: retainedSince(contentDays ?? team.retentionDays, now).toISOString() }, wait: { until, reason: "removes what the team's retention no longer keeps, daily" } };
}
