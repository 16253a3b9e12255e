// What the LLM judges cost: evaluation spend, shown apart from production spend like shadow calls are
// (lib/analytics/queries/get-spend.ts). Each judge verdict keeps its cost in Score.costNanos, priced with
// the team's catalog for the judge model when it was judged (null when that model has no price, counted 0
// here and reported as `unpriced`). Spend is dated by when the judge ran (Score.at), not by the call's time.
// A call judged again by the same evaluator version replaces its score, and with it the earlier cost; an
// answer that was not a verdict leaves no score, so its tokens are not counted.
import type { TeamId } from "@/lib/auth/team-id";
import { TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { db } from "@/lib/db";

export const startOfUtcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
export const nextUtcDay = (at: Date) => new Date(startOfUtcDay(at).getTime() + 86_400_000);

/** A judge's dailyCapUsd (at most 1e6 dollars, so exact enough in a double) in nano-dollars; null without a cap. */
export function capNanos(config: Record<string, unknown>): bigint | null {
  const usd = config.dailyCapUsd;
  return typeof usd === "number" && usd > 0 ? BigInt(Math.round(usd * 1e9)) : null;
}

/** What an evaluator's verdicts cost since `since` (all its versions; unpriced verdicts count 0), in nano-dollars. */
export async function getJudgeSpendSince(teamId: TeamId, evaluatorId: string, since: Date): Promise<bigint> {
  const [row] = await db().$queryRaw<{ nanos: bigint | null }[]>`
    SELECT sum("costNanos")::int8 AS nanos FROM "Score" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "evaluatorId" = ${evaluatorId} AND "at" >= ${since}`;
  return BigInt(row?.nanos ?? 0);
}

export type JudgeSpend = {
  evaluatorId: string;
  name: string;
  enabled: boolean;
  /** Spent in the window, nano-dollars (format with formatSpend, or nanosToDollars for JSON). */
  nanos: bigint;
  /** Verdicts given in the window, and how many of them had no price (their cost is unknown, counted 0). */
  verdicts: number;
  unpriced: number;
  /** Today (UTC) against the daily cap: once `capReached`, the judge makes no call before 00:00 UTC. */
  todayNanos: bigint;
  dailyCapNanos: bigint | null;
  capReached: boolean;
};

/**
 * Judge spend in [from, to) per judge evaluator of the team (all of them, with 0 when nothing was spent)
 * and in total. The Overview and Evaluators pages show `totalNanos` beside shadow spend
 * (getSpend(...).shadowNanos), both as evaluation spend, and `byEvaluator` in the evaluators' table
 * (spend, unpriced verdicts, today against the cap).
 */
export async function getJudgeSpend(teamId: TeamId, from: Date, to: Date, now = new Date()) {
  const today = startOfUtcDay(now);
  const rows = await db().$queryRaw<{ id: string; name: string; enabled: boolean; config: Record<string, unknown>; nanos: bigint | null; verdicts: bigint; unpriced: bigint; today: bigint | null }[]>`
    SELECT e."id", e."name", e."enabled", e."config",
      sum(s."costNanos") FILTER (WHERE s."at" >= ${from} AND s."at" < ${to})::int8 AS nanos,
      count(s.*) FILTER (WHERE s."at" >= ${from} AND s."at" < ${to})::int8 AS verdicts,
      count(s.*) FILTER (WHERE s."at" >= ${from} AND s."at" < ${to} AND s."costNanos" IS NULL)::int8 AS unpriced,
      sum(s."costNanos") FILTER (WHERE s."at" >= ${today})::int8 AS today
    FROM "Evaluator" e
    LEFT JOIN "Score" s ON s."teamSeq" = ${TEAM_SEQ(teamId)} AND s."evaluatorId" = e."id" AND (s."at" >= ${from} OR s."at" >= ${today})
    WHERE e."teamId" = ${teamId} AND e."kind" = 'llm_judge'
    GROUP BY e."id" ORDER BY e."createdAt"`;
  const byEvaluator: JudgeSpend[] = rows.map((r) => {
    const cap = capNanos(r.config);
    const todayNanos = BigInt(r.today ?? 0);
    return {
      evaluatorId: r.id, name: r.name, enabled: r.enabled,
      nanos: BigInt(r.nanos ?? 0), verdicts: Number(r.verdicts), unpriced: Number(r.unpriced),
      todayNanos, dailyCapNanos: cap, capReached: cap !== null && todayNanos >= cap,
    };
  });
  return { totalNanos: byEvaluator.reduce((sum, e) => sum + e.nanos, 0n), byEvaluator };
}
