// One call with everything around it: its content, the other attempts of its task, its shadow twins, and
// every evaluator verdict and human review on it.
// Attempts and twins are looked up within an hour of the call, on the (teamSeq, ts) index.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { CALL_ROW, type CallListRow } from "@/lib/analytics/queries/list-calls";

const HOUR_MS = 3_600_000;

export async function getCall(teamId: TeamId, id: string) {
  // The id's claim gives the call's time, so each read below touches only that day's partition.
  const team = await db().team.findUnique({ where: { id: teamId }, select: { seq: true } });
  const claim = team && (await db().callId.findUnique({ where: { teamSeq_id: { teamSeq: team.seq, id } }, select: { ts: true } }));
  const call = claim && (await db().call.findFirst({ where: { teamSeq: team.seq, id, ts: claim.ts } }));
  if (!call) return null;
  const root = call.shadowOf ?? call.parentId ?? call.id;
  const [content, related, scores, review] = await Promise.all([
    db().callContent.findFirst({ where: { teamSeq: call.teamSeq, callId: call.id, ts: call.ts } }),
    db().$queryRaw<CallListRow[]>`
      SELECT ${CALL_ROW} FROM "Call"
      WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${new Date(call.ts.getTime() - HOUR_MS)} AND "ts" < ${new Date(call.ts.getTime() + HOUR_MS)}
        AND ("id" = ${root} OR "parentId" = ${root} OR "shadowOf" = ${root} OR "shadowOf" = ${call.id})
      ORDER BY "attempt", "ts"`,
    // Every verdict on the call, each evaluator version's; `current` marks those its outcome can follow (the
    // evaluator's latest version, while it is enabled), `latest` the latest version whether enabled or not.
    db().$queryRaw<{ evaluatorId: string; name: string; version: number; current: boolean; latest: boolean; verdict: number; reason: string | null; costNanos: bigint | null; at: Date }[]>`
      SELECT s."evaluatorId", e."name", s."version", (s."version" = e."version" AND e."enabled") AS current, s."version" = e."version" AS latest,
             s."verdict", s."reason", s."costNanos", s."at"
      FROM "Score" s JOIN "Evaluator" e ON e."id" = s."evaluatorId"
      WHERE s."teamSeq" = ${call.teamSeq} AND s."callId" = ${call.id} AND s."ts" = ${call.ts} ORDER BY e."name", s."version" DESC`,
    db().review.findUnique({ where: { teamSeq_callId: { teamSeq: call.teamSeq, callId: call.id } } }),
  ]);
  return {
    call,
    content,
    attempts: related.filter((r) => r.shadowOf === null),
    shadows: related.filter((r) => r.shadowOf !== null && r.id !== call.id),
    scores,
    review,
  };
}

