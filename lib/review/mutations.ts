// A reviewer's verdict: kept with the time the item was held open; the call's outcome follows it unless
// the app labelled the call (the app outranks a review, a review outranks an evaluator: contracts §13).
import type { TeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { writeAudit } from "@/lib/audit/mutations";
import { conflict, notFound } from "@/lib/http/errors";
import { lockCallsById } from "@/lib/ingest/stored-calls";
import { setOutcomes, SOURCE_REVIEW } from "@/lib/outcomes/set";
import { HOLD_MS } from "@/lib/review/queue";

/** `verdict` null skips the call (it leaves the queue without a label). */
export async function recordReview(teamId: TeamId, userId: string, callId: string, verdict: 0 | 1 | null, reason: string | null) {
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { seq: true } });
  return sqlTransaction(async (tx) => {
    const [item] = await tx.query<{ heldBy: string | null; heldAt: Date | null; doneAt: Date | null }>(
      `SELECT "heldBy", "heldAt", "doneAt" FROM "ReviewItem" WHERE "teamSeq" = $1 AND "callId" = $2 FOR UPDATE`, [seq, callId]);
    if (!item || item.doneAt) throw notFound("This call is not waiting for review (someone may have reviewed it already).");
    if (item.heldBy !== userId) throw conflict("Another reviewer holds this call.");
    // Time on the item: items are held ten at a time and worked through in turn, so from the later of its
    // hold and this reviewer's previous verdict; at most the hold (an idle reviewer is not working).
    const [last] = await tx.query<{ at: Date | null }>(`SELECT max("at") AS at FROM "Review" WHERE "teamSeq" = $1 AND "reviewerId" = $2`, [seq, userId]);
    const started = Math.max(new Date(item.heldAt!).getTime(), last?.at ? new Date(last.at).getTime() : 0);
    const seconds = Math.min(HOLD_MS, Math.max(0, Date.now() - started)) / 1000;
    await tx.query(
      `INSERT INTO "Review" ("teamSeq", "callId", "reviewerId", "verdict", "reason", "seconds") VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ("teamSeq", "callId") DO UPDATE SET "reviewerId" = EXCLUDED."reviewerId", "verdict" = EXCLUDED."verdict", "reason" = EXCLUDED."reason", "seconds" = EXCLUDED."seconds", "at" = now()`,
      [seq, callId, userId, verdict, reason, seconds],
    );
    await tx.query(`UPDATE "ReviewItem" SET "doneAt" = now() WHERE "teamSeq" = $1 AND "callId" = $2`, [seq, callId]);
    if (verdict !== null) {
      const [call] = await lockCallsById(tx, seq, [callId]);
      if (call) await setOutcomes(tx, seq, [{ call, outcome: verdict, source: SOURCE_REVIEW }]);
    }
    return { seconds };
  });
}

export type ReviewSettings = { reviewPerDay: number; reviewEvaluatorFailures: boolean; reviewerHourlyUsd: number | null };

export async function setReviewSettings(teamId: TeamId, actorId: string, settings: ReviewSettings) {
  await sqlTransaction(async (tx) => {
    await tx.query(`UPDATE "Team" SET "reviewPerDay" = $2, "reviewEvaluatorFailures" = $3, "reviewerHourlyUsd" = $4 WHERE "id" = $1`,
      [teamId, settings.reviewPerDay, settings.reviewEvaluatorFailures, settings.reviewerHourlyUsd]);
    await writeAudit(tx, teamId, actorId, "review.settings", settings);
  });
}
