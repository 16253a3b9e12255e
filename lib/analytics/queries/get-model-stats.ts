// Per task type, model and shadow flag: every counter of the window and its merged histograms.
import { Prisma } from "@prisma/client";
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { rollupWindow, TEAM_SEQ } from "@/lib/analytics/queries/rollup-window";
import { addHistogram, type Histogram } from "@/lib/rollups/histogram";
import type { ModelStats } from "@/lib/analytics/stats";

type Row = Record<string, unknown> & { latency: Histogram[]; ttft: Histogram[] | null; tps: Histogram[] | null };

/** Into one accumulator: mergeHistograms would copy it once per rollup row. */
const merge = (hs: Histogram[] | null) => (hs ?? []).reduce<Histogram>(addHistogram, {});

/**
 * Below this many calls in the window the exact latencies are read from the calls themselves (the scan is
 * as small as the count), so a handful of calls shows their own p50 and p95 rather than a bucket's value.
 */
export const EXACT_LATENCY_MAX_CALLS = 2_000;

/** `latencyOnly`: leave the TTFT and tokens/s histograms empty (the simulator reads only latency; each costs a read). */
export async function getModelStats(teamId: TeamId, from: Date, to: Date, filter: { taskType?: string } = {}, { latencyOnly = false } = {}): Promise<ModelStats[]> {
  const where = filter.taskType ? Prisma.sql`AND "taskType" = ${filter.taskType}` : Prisma.empty;
  const others = latencyOnly ? Prisma.sql`NULL::jsonb AS ttft, NULL::jsonb AS tps` : Prisma.sql`jsonb_agg("ttftHist") AS ttft, jsonb_agg("tpsHist") AS tps`;
  const rows = await db().$queryRaw<Row[]>`
    SELECT "taskType", "model", "shadow",
      sum("calls")::int8 AS calls, sum("tasks")::int8 AS tasks, sum("inputTokens")::int8 AS "inputTokens",
      sum("outputTokens")::int8 AS "outputTokens", sum("costNanos")::int8 AS "costNanos", sum("unpriced")::int8 AS unpriced,
      sum("labeled")::int8 AS labeled, sum("success")::int8 AS success, sum("failure")::int8 AS failure,
      sum("errors")::int8 AS errors, sum("malformed")::int8 AS malformed, sum("escalations")::int8 AS escalations,
      sum("streamed")::int8 AS streamed,
      jsonb_agg("latencyHist") AS latency, ${others}
    FROM ${rollupWindow(teamId, from, to, where)} r
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3`;
  const total = rows.reduce((n, r) => n + Number(r.calls), 0);
  const exact = !latencyOnly && total > 0 && total <= EXACT_LATENCY_MAX_CALLS ? await getLatencies(teamId, from, to, where, total) : null;
  return rows.map((r) => ({
    taskType: String(r.taskType),
    model: String(r.model),
    shadow: Boolean(r.shadow),
    calls: Number(r.calls),
    tasks: Number(r.tasks),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    costNanos: BigInt(r.costNanos as bigint),
    unpriced: Number(r.unpriced),
    labeled: Number(r.labeled),
    success: Number(r.success),
    failure: Number(r.failure),
    errors: Number(r.errors),
    malformed: Number(r.malformed),
    escalations: Number(r.escalations),
    streamed: Number(r.streamed),
    latencyHist: merge(r.latency),
    ttftHist: merge(r.ttft),
    tpsHist: merge(r.tps),
    ...(exact ? { exact: exact.get(`${r.taskType}|${r.model}|${r.shadow}`) ?? { latencies: [], ttfts: [] } } : {}),
  }));
}

/** Every call's latency in the window, or null when the calls are fewer than the rollups count (some are past the team's retention). */
async function getLatencies(teamId: TeamId, from: Date, to: Date, where: Prisma.Sql, calls: number) {
  const rows = await db().$queryRaw<{ taskType: string; model: string; shadow: boolean; latencies: number[]; ttfts: number[] }[]>`
    SELECT "taskType", "model", ("shadowOf" IS NOT NULL) AS shadow, array_agg("latencyMs"::float8) AS latencies,
           array_remove(array_agg("ttftMs"::float8), NULL) AS ttfts
    FROM "Call" WHERE "teamSeq" = ${TEAM_SEQ(teamId)} AND "ts" >= ${from} AND "ts" < ${to} ${where}
    GROUP BY 1, 2, 3`;
  if (rows.reduce((n, r) => n + r.latencies.length, 0) !== calls) return null;
  return new Map(rows.map((r) => [`${r.taskType}|${r.model}|${r.shadow}`, { latencies: r.latencies.map(Number), ttfts: r.ttfts.map(Number) }]));
}
