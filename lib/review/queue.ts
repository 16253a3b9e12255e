// The review queue: topped up from the team's sampling plan whenever a reviewer asks for work, and held
// item by item under a lease so several reviewers work at once without seeing the same call.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";

/** An item held this long without a verdict goes back to the queue (the reviewer left). */
export const HOLD_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Adds today's (UTC) sample: up to `reviewPerDay` calls per task type × model, shadow calls included (so
 * every model a policy might route to gets labels), among calls with captured output that neither the app
 * nor a reviewer labelled, picked by a hash of their id (a fixed random order); and, if the team wants,
 * every call an evaluator failed today.
 */
export async function topUp(teamId: TeamId, now = new Date()) {
  const team = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { seq: true, reviewPerDay: true, reviewEvaluatorFailures: true } });
  const day = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const next = new Date(day.getTime() + DAY_MS);
  // `taken`: the day's sample already queued, counted once per stratum by the calls' own day (a top-up for a
  // past day runs later than that day, so the items' addedAt says nothing about which day they sample).
  await db().$executeRaw`
    WITH taken AS (
      SELECT rc."taskType", rc."model", count(*) AS n FROM "ReviewItem" r JOIN "Call" rc ON rc."teamSeq" = r."teamSeq" AND rc."id" = r."callId"
      WHERE r."teamSeq" = ${team.seq} AND r."why" = 'sample' AND rc."ts" >= ${day} AND rc."ts" < ${next}
      GROUP BY 1, 2
    )
    INSERT INTO "ReviewItem" ("teamSeq", "callId", "why")
    SELECT ${team.seq}, s.id, 'sample' FROM (
      SELECT c."id", c."taskType", c."model", row_number() OVER (PARTITION BY c."taskType", c."model" ORDER BY md5(c."id")) AS pick
      FROM "Call" c JOIN "CallContent" cc ON cc."teamSeq" = c."teamSeq" AND cc."callId" = c."id" AND cc."output" IS NOT NULL
      WHERE c."teamSeq" = ${team.seq} AND c."ts" >= ${day} AND c."ts" < ${next}
        AND (c."outcome" IS NULL OR c."outcomeSource" = 3) AND c."traceOutcome" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "ReviewItem" r WHERE r."teamSeq" = c."teamSeq" AND r."callId" = c."id")
    ) s LEFT JOIN taken t ON t."taskType" = s."taskType" AND t."model" = s."model"
    WHERE s.pick <= ${team.reviewPerDay} - COALESCE(t.n, 0)
    ON CONFLICT DO NOTHING`;
  if (team.reviewEvaluatorFailures) {
    await db().$executeRaw`
      INSERT INTO "ReviewItem" ("teamSeq", "callId", "why")
      SELECT DISTINCT s."teamSeq", s."callId", 'evaluator_failed' FROM "Score" s
      JOIN "Evaluator" e ON e."id" = s."evaluatorId" AND e."version" = s."version"
      JOIN "Call" c ON c."teamSeq" = s."teamSeq" AND c."id" = s."callId"
      WHERE s."teamSeq" = ${team.seq} AND s."verdict" = 0 AND s."at" >= ${day} AND (c."outcome" IS NULL OR c."outcomeSource" = 3) AND c."traceOutcome" IS NULL
      ON CONFLICT DO NOTHING`;
  }
  return team.seq;
}

export type HeldItem = {
  callId: string; why: string; taskType: string; model: string; shadow: boolean; ts: Date; heldAt: Date;
  input: string | null; output: string | null; outcome: number | null; outcomeSource: number | null;
};

/** Tops the queue up and holds up to `n` open items for this reviewer (those it already holds first). */
export async function holdItems(teamId: TeamId, userId: string, n = 10): Promise<HeldItem[]> {
  const seq = await topUp(teamId);
  const stale = new Date(Date.now() - HOLD_MS);
  await db().$executeRaw`
    UPDATE "ReviewItem" SET "heldBy" = ${userId}, "heldAt" = now()
    WHERE ("teamSeq", "callId") IN (
      SELECT "teamSeq", "callId" FROM "ReviewItem"
      WHERE "teamSeq" = ${seq} AND "doneAt" IS NULL AND ("heldBy" IS NULL OR "heldAt" < ${stale})
      ORDER BY "addedAt", "callId" LIMIT GREATEST(0, ${n} - (SELECT count(*) FROM "ReviewItem" WHERE "teamSeq" = ${seq} AND "doneAt" IS NULL AND "heldBy" = ${userId} AND "heldAt" >= ${stale}))
      FOR UPDATE SKIP LOCKED
    )`;
  return db().$queryRaw<HeldItem[]>`
    SELECT r."callId", r."why", r."heldAt", c."taskType", c."model", c."shadowOf" IS NOT NULL AS shadow, c."ts", c."outcome", c."outcomeSource", cc."input", cc."output"
    FROM "ReviewItem" r JOIN "Call" c ON c."teamSeq" = r."teamSeq" AND c."id" = r."callId"
    LEFT JOIN "CallContent" cc ON cc."teamSeq" = r."teamSeq" AND cc."callId" = r."callId"
    WHERE r."teamSeq" = ${seq} AND r."doneAt" IS NULL AND r."heldBy" = ${userId} AND r."heldAt" >= ${stale}
    ORDER BY r."addedAt", r."callId"`;
}

/** How many items are open (held or not). */
export async function openItems(teamId: TeamId) {
  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::int8 AS n FROM "ReviewItem" r JOIN "Team" t ON t."seq" = r."teamSeq" WHERE t."id" = ${teamId} AND r."doneAt" IS NULL`;
  return Number(n);
}
