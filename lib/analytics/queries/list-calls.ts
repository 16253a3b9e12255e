// One page of calls, newest first, by keyset on (ts, id): each page is an index range scan on
// (teamSeq, ts), as fast on page 1,000 as on page 1.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import type { CallFilters } from "@/lib/analytics/schema";

export type CallListRow = {
  id: string; ts: Date; taskType: string; model: string; status: number; errorType: string | null; outcome: number | null;
  latencyMs: number; ttftMs: number | null; inputTokens: number; outputTokens: number; cost: string | null;
  traceId: string | null; stepIndex: number | null; attempt: number; shadowOf: string | null;
};

/** The columns of a CallListRow (also read by get-call.ts). */
export const CALL_ROW = Prisma.raw(`"id", "ts", "taskType", "model", "status", "errorType", COALESCE("traceOutcome", "outcome") AS outcome,
  "latencyMs", "ttftMs", "inputTokens", "outputTokens", "costNanos"::text AS cost, "traceId", "stepIndex", "attempt", "shadowOf"`);

/** Free text as an ILIKE pattern: its own % and _ match themselves. */
const containing = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The filters, window and keyset position as SQL conditions on "Call" (shared by the page, the API and exports). */
export function callsWhere(teamId: TeamId, from: Date, to: Date, f: Omit<CallFilters, "cursor">, after: { ts: Date; id: string } | null): Prisma.Sql {
  const where: Prisma.Sql[] = [Prisma.sql`"teamSeq" = ${TEAM_SEQ(teamId)}`, Prisma.sql`"ts" >= ${from}`, Prisma.sql`"ts" < ${to}`];
  if (f.taskType) where.push(Prisma.sql`"taskType" = ${f.taskType}`);
  if (f.model) where.push(Prisma.sql`"model" = ${f.model}`);
  if (f.status) where.push(Prisma.sql`"status" = ${f.status === "error" ? 1 : 0}`);
  if (f.outcome === "none") where.push(Prisma.sql`COALESCE("traceOutcome", "outcome") IS NULL`);
  else if (f.outcome) where.push(Prisma.sql`COALESCE("traceOutcome", "outcome") = ${f.outcome === "success" ? 1 : 0}`);
  if (f.kind === "shadow") where.push(Prisma.sql`"shadowOf" IS NOT NULL`);
  if (f.kind === "production") where.push(Prisma.sql`"shadowOf" IS NULL`);
  if (f.traceId) where.push(Prisma.sql`"traceId" = ${f.traceId}`);
  if (f.meta) {
    const at = f.meta.indexOf("=");
    where.push(Prisma.sql`"metadata" @> ${JSON.stringify({ [f.meta.slice(0, at).trim()]: f.meta.slice(at + 1).trim() })}::jsonb`);
  }
  if (f.q) {
    // Ids exactly; metadata values and captured content as substrings, case-insensitive.
    const like = containing(f.q);
    where.push(Prisma.sql`("id" = ${f.q} OR "traceId" = ${f.q} OR "parentId" = ${f.q} OR "shadowOf" = ${f.q}
      OR EXISTS (SELECT 1 FROM jsonb_each_text(CASE WHEN jsonb_typeof("metadata") = 'object' THEN "metadata" ELSE '{}'::jsonb END) m WHERE m.value ILIKE ${like})
      OR EXISTS (SELECT 1 FROM "CallContent" cc WHERE cc."teamSeq" = "Call"."teamSeq" AND cc."callId" = "Call"."id" AND (cc."input" ILIKE ${like} OR cc."output" ILIKE ${like})))`);
  }
  if (after) where.push(Prisma.sql`("ts", "id") < (${after.ts}, ${after.id})`);
  return Prisma.join(where, " AND ");
}

export async function listCalls(teamId: TeamId, from: Date, to: Date, f: Omit<CallFilters, "cursor">, after: { ts: Date; id: string } | null, limit: number) {
  return db().$queryRaw<CallListRow[]>`
    SELECT ${CALL_ROW}
    FROM "Call"
    WHERE ${callsWhere(teamId, from, to, f, after)}
    ORDER BY "ts" DESC, "id" DESC
    LIMIT ${limit}`;
}

/** How many calls match, counted up to `cap` (a count past it reads "cap+"; an exact count of millions would be slow). */
export async function countCalls(teamId: TeamId, from: Date, to: Date, f: Omit<CallFilters, "cursor">, cap: number) {
  const [row] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::int8 AS n FROM (SELECT 1 FROM "Call" WHERE ${callsWhere(teamId, from, to, f, null)} LIMIT ${cap + 1}) c`;
  return Number(row.n);
}
