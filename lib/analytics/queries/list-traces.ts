// Agent runs, newest first: a run is listed by its first step (stepIndex 0, or no index), found by
// keyset on the (teamSeq, ts) index; its other steps come from the (teamSeq, traceId) index.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";

export type TraceListRow = {
  traceId: string; headId: string; ts: Date; taskType: string; steps: number; models: string[]; cost: string | null; unpriced: number;
  traceOutcome: number | null; failures: number; latencyMs: number;
};

export type TraceFilter = { taskType?: string; model?: string; outcome?: "success" | "failure" | "none"; minDurationMs?: number };

/** How long a run took: from its first call's start to its last call's end (the same on the list and the filter). */
const DURATION = (head: Prisma.Sql) => Prisma.sql`(
  SELECT extract(epoch FROM max(d."ts" + d."latencyMs" * interval '1 millisecond') - ${head}."ts") * 1000 FROM "Call" d
  WHERE d."teamSeq" = ${head}."teamSeq" AND d."traceId" = ${head}."traceId" AND d."shadowOf" IS NULL)`;

export async function listTraces(teamId: TeamId, from: Date, to: Date, filter: TraceFilter, after: { ts: Date; id: string } | null, limit: number) {
  const where: Prisma.Sql[] = [];
  if (filter.taskType) where.push(Prisma.sql`"taskType" = ${filter.taskType}`);
  // Filters on the whole run are decided per head, before the LIMIT, so every page is full.
  if (filter.model) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Call" m WHERE m."teamSeq" = h0."teamSeq" AND m."traceId" = h0."traceId" AND m."model" = ${filter.model} AND m."shadowOf" IS NULL)`);
  }
  if (filter.outcome === "none") where.push(Prisma.sql`"traceOutcome" IS NULL`);
  else if (filter.outcome) where.push(Prisma.sql`"traceOutcome" = ${filter.outcome === "success" ? 1 : 0}`);
  if (filter.minDurationMs !== undefined) where.push(Prisma.sql`${DURATION(Prisma.raw("h0"))} >= ${filter.minDurationMs}`);
  if (after) where.push(Prisma.sql`("ts", "id") < (${after.ts}, ${after.id})`);
  return db().$queryRaw<TraceListRow[]>`
    WITH heads AS (
      SELECT "teamSeq", "traceId", "id", "ts", "taskType" FROM "Call" h0
      WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} AND "traceId" IS NOT NULL
        AND COALESCE("stepIndex", 0) = 0 AND "attempt" = 1 AND "shadowOf" IS NULL
        ${where.length ? Prisma.sql`AND ${Prisma.join(where, " AND ")}` : Prisma.empty}
      ORDER BY "ts" DESC, "id" DESC LIMIT ${limit}
    )
    SELECT h."traceId", h."id" AS "headId", h."ts", h."taskType",
           count(c.*)::int AS steps, array_agg(DISTINCT c."model") AS models, sum(c."costNanos")::text AS cost,
           count(*) FILTER (WHERE c."costNanos" IS NULL)::int AS unpriced,
           max(c."traceOutcome")::int AS "traceOutcome", count(*) FILTER (WHERE c."outcome" = 0)::int AS failures,
           ${DURATION(Prisma.raw("h"))}::float8 AS "latencyMs"
    FROM heads h
    JOIN "Call" c ON c."teamSeq" = ${TEAM_SEQ(teamId)} AND c."traceId" = h."traceId" AND c."shadowOf" IS NULL
    GROUP BY h."teamSeq", h."traceId", h."id", h."ts", h."taskType"
    ORDER BY h."ts" DESC, h."id" DESC`;
}

/** Every step of one run in order, with the run's label. */
export async function getTrace(teamId: TeamId, traceId: string) {
  const [steps, label] = await Promise.all([
    db().$queryRaw<{ id: string; ts: Date; taskType: string; model: string; stepIndex: number | null; attempt: number; status: number; errorType: string | null;
      outcome: number | null; latencyMs: number; inputTokens: number; outputTokens: number; toolCallCount: number; cost: string | null; shadowOf: string | null }[]>`
      SELECT "id", "ts", "taskType", "model", "stepIndex", "attempt", "status", "errorType", "outcome", "latencyMs", "inputTokens", "outputTokens",
             "toolCallCount", "costNanos"::text AS cost, "shadowOf"
      FROM "Call" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "traceId" = ${traceId}
      ORDER BY "stepIndex" NULLS LAST, "ts", "attempt"`,
    db().$queryRaw<{ outcome: number; reason: string | null; updatedAt: Date }[]>`
      SELECT "outcome", "reason", "updatedAt" FROM "TraceOutcome" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "traceId" = ${traceId}`,
  ]);
  return { steps, label: label[0] ?? null };
}
