// What review costs and how far evaluators agree with reviewers: read for the Review page and Simulate.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { agreementOf } from "@/lib/review/kappa";

const DAY_MS = 86_400_000;

/**
 * Reviews with a verdict over the last `days`: how many, the median seconds one took, and with the team's
 * hourly rate the cost of one review, which is what a failure that needs a review costs (Simulate's default).
 */
export async function getReviewCost(teamId: TeamId, days = 30, now = new Date()) {
  const [row] = await db().$queryRaw<{ n: bigint; median: number | null; rate: number | null }[]>`
    SELECT count(r.*)::int8 AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY r."seconds") AS median, t."reviewerHourlyUsd" AS rate
    FROM "Team" t LEFT JOIN "Review" r ON r."teamSeq" = t."seq" AND r."verdict" IS NOT NULL AND r."at" >= ${new Date(now.getTime() - days * DAY_MS)}
    WHERE t."id" = ${teamId} GROUP BY t."reviewerHourlyUsd"`;
  const reviews = Number(row?.n ?? 0);
  const medianSeconds = row?.median === null || row?.median === undefined ? null : Number(row.median);
  const rate = row?.rate ?? null;
  return { reviews, days, medianSeconds, hourlyUsd: rate, costPerReviewUsd: medianSeconds !== null && rate !== null ? (medianSeconds / 3600) * rate : null };
}

/** Per evaluator (current version) and task type: calls both a reviewer and the evaluator judged, agreement and kappa. */
export async function getAgreement(teamId: TeamId) {
  const rows = await db().$queryRaw<{ evaluatorId: string; name: string; taskType: string; human: number; judge: number }[]>`
    SELECT e."id" AS "evaluatorId", e."name", c."taskType", r."verdict"::int AS human, s."verdict"::int AS judge
    FROM "Review" r
    JOIN "Team" t ON t."seq" = r."teamSeq" AND t."id" = ${teamId}
    JOIN "Score" s ON s."teamSeq" = r."teamSeq" AND s."callId" = r."callId"
    JOIN "Evaluator" e ON e."id" = s."evaluatorId" AND e."version" = s."version"
    JOIN "Call" c ON c."teamSeq" = r."teamSeq" AND c."id" = r."callId"
    WHERE r."verdict" IS NOT NULL`;
  const groups = new Map<string, { evaluatorId: string; name: string; taskType: string; pairs: [number, number][] }>();
  for (const r of rows) {
    const key = `${r.evaluatorId}|${r.taskType}`;
    const g = groups.get(key) ?? { evaluatorId: r.evaluatorId, name: r.name, taskType: r.taskType, pairs: [] };
    g.pairs.push([Number(r.human), Number(r.judge)]);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ pairs, ...g }) => ({ ...g, ...agreementOf(pairs) })).sort((a, b) => a.name.localeCompare(b.name) || a.taskType.localeCompare(b.taskType));
}
