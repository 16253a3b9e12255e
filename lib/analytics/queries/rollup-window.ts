// The rollup rows that cover [from, to): whole UTC days from the day rows, the hours at either edge from
// the hourly rows. A 30-day window reads ~31 rows per task type and model instead of ~720 or more. The
// two edges are two index ranges: one range from `from` to `to` that skips the whole days would still
// read every hourly row in between.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";

const DAY_MS = 86_400_000;
export const TEAM_SEQ = (teamId: TeamId) => Prisma.sql`(SELECT "seq" FROM "Team" WHERE "id" = ${teamId})`;

const ROLLUP_COLUMNS = Prisma.raw(
  `"taskType", "model", "shadow", "calls", "tasks", "inputTokens", "outputTokens", "cachedTokens", "costNanos", "unpriced",
   "labeled", "success", "failure", "errors", "malformed", "escalations", "streamed", "latencyHist", "ttftHist", "tpsHist"`,
);

/**
 * A subquery of rollup rows for the window; `where` narrows both grains (e.g. one task type). `at` is the
 * row's UTC day or hour.
 */
export function rollupWindow(teamId: TeamId, from: Date, to: Date, where: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.max(dayFrom.getTime(), Math.floor(to.getTime() / DAY_MS) * DAY_MS));
  // Within one UTC day there are no whole days: the first edge is then the whole window.
  const firstEdgeEnd = new Date(Math.min(dayFrom.getTime(), to.getTime()));
  return Prisma.sql`(
    SELECT "day" AS "at", ${ROLLUP_COLUMNS} FROM "CallRollupDay"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "day" >= ${dayFrom} AND "day" < ${dayTo} ${where}
    UNION ALL
    SELECT "hour" AS "at", ${ROLLUP_COLUMNS} FROM "CallRollup"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${from} AND "hour" < ${firstEdgeEnd} ${where}
    UNION ALL
    SELECT "hour" AS "at", ${ROLLUP_COLUMNS} FROM "CallRollup"
    WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "hour" >= ${dayTo} AND "hour" < ${to} ${where}
  )`;
}
