// Property: however events, duplicates, late labels and price edits arrive, the rollups equal what the
// stored calls add up to: recomputed from the raw rows in JS, and checked against plain SQL sums.
import { describe, expect, it } from "vitest";
import { db, sqlTransaction } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { mergeHistograms } from "@/lib/rollups/histogram";
import { COUNTERS, RollupBatch, type RollupRow } from "@/lib/rollups/batch";
import { lockCalls } from "@/lib/ingest/stored-calls";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { setPrice } from "@/lib/pricing/mutations";
import { runRepricing } from "@/lib/pricing/reprice";
import { makeOwner } from "@/tests/factories";

function rng(seed: number) {
  return () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
}

function generate(random: () => number, n: number) {
  const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  return Array.from({ length: n }, (_, i) => {
    const streamed = random() < 0.6;
    const latency = Math.round(200 + random() * 3000);
    const traced = random() < 0.3;
    return {
      id: `p-${Math.floor(random() * n * 0.8)}`, // about one in five ids repeats
      timestamp: Date.UTC(2026, 10, 1) + Math.floor(random() * 5 * 86_400_000),
      taskType: pick(["classify", "extract", "summarize", "tool_agent"]),
      model: pick(["gpt-5.4-mini", "gpt-5.4-nano", "mystery-model"]),
      inputTokens: Math.floor(random() * 6000),
      outputTokens: Math.floor(random() * 800),
      cachedInputTokens: random() < 0.2 ? 0 : undefined,
      latencyMs: latency,
      ttftMs: streamed ? Math.round(latency * random()) : undefined,
      status: random() < 0.05 ? "error" : "ok",
      errorType: random() < 0.03 ? "malformed_output" : undefined,
      outcome: random() < 0.4 ? pick(["success", "failure"]) : undefined,
      traceId: traced ? `t-${Math.floor(random() * 40)}` : undefined,
      toolCount: traced ? 6 : 0,
      attempt: random() < 0.1 ? 2 : 1,
      escalatedFrom: random() < 0.05 ? "gpt-5.4-nano" : undefined,
      shadowOf: random() < 0.05 ? "p-0" : undefined,
    };
  });
}

const strip = (r: Record<string, unknown>) => {
  const { teamSeq: _, ...rest } = r;
  return JSON.parse(JSON.stringify(rest, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
};

describe("rollups", () => {
  it("agree with the raw rows after random batches, labels and a price change", async () => {
    const { team, user } = await makeOwner();
    const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const random = rng(20261124);
    const events = generate(random, 1500);
    for (let i = 0; i < events.length; ) {
      const size = 1 + Math.floor(random() * 300);
      await ingestEvents(team.id, events.slice(i, i + size));
      if (random() < 0.5) {
        await applyOutcomes(team.id, Array.from({ length: 20 }, () =>
          random() < 0.5
            ? { callId: `p-${Math.floor(random() * 1500)}`, outcome: random() < 0.5 ? ("success" as const) : ("failure" as const) }
            : { traceId: `t-${Math.floor(random() * 40)}`, outcome: random() < 0.5 ? ("success" as const) : ("failure" as const) }));
      }
      i += size;
    }
    await setPrice(team.id, user.id, { model: "mystery-model", effectiveFrom: new Date(Date.UTC(2026, 10, 3)), input: 700_000n, output: 2_100_000n, cachedInput: null });
    await runRepricing();

    const calls = await sqlTransaction((tx) => lockCalls(tx, seq, "true", []));
    const expected = new RollupBatch();
    calls.forEach((c) => expected.addCall(c));
    const stored = await db().callRollup.findMany({ where: { teamSeq: seq } });
    const key = (r: { hour: Date; taskType: string; model: string; shadow: boolean; contextBucket: number; toolCount: number }) =>
      `${r.hour.toISOString()}|${r.taskType}|${r.model}|${r.shadow}|${r.contextBucket}|${r.toolCount}`;
    const byKey = (rows: Record<string, unknown>[]) => Object.fromEntries(rows.map((r) => [key(r as never), strip(r)]));
    expect(byKey(stored.filter((r) => r.calls > 0n || r.escalations > 0n))).toEqual(byKey(expected.sorted()));

    const [sql] = await db().$queryRaw<{ calls: bigint; cost: bigint; success: bigint; unpriced: bigint }[]>`
      SELECT count(*)::int8 AS calls, COALESCE(sum("costNanos"), 0)::int8 AS cost,
             count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1)::int8 AS success,
             count(*) FILTER (WHERE "costNanos" IS NULL)::int8 AS unpriced
      FROM "Call" WHERE "teamSeq" = ${seq}`;
    const sums = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { calls: true, costNanos: true, success: true, unpriced: true } });
    expect(sums._sum).toEqual({ calls: sql.calls, costNanos: sql.cost, success: sql.success, unpriced: sql.unpriced });
    expect(sql.unpriced).toBeGreaterThan(0n); // mystery-model calls before its price date stay unpriced

    // The day rows are the hourly rows summed per UTC day, histograms included.
    const days = new Map<string, RollupRow>();
    for (const r of expected.sorted()) {
      const k = `${r.hour.toISOString().slice(0, 10)}|${r.taskType}|${r.model}|${r.shadow}`;
      const d = days.get(k) ?? { ...r, latencyHist: {}, ttftHist: {}, tpsHist: {}, ...Object.fromEntries(COUNTERS.map((c) => [c, 0n])) };
      for (const c of COUNTERS) d[c] += r[c];
      for (const h of ["latencyHist", "ttftHist", "tpsHist"] as const) d[h] = mergeHistograms(d[h], r[h]);
      days.set(k, d);
    }
    const storedDays = await db().callRollupDay.findMany({ where: { teamSeq: seq } });
    const dayKey = (r: { day: Date; taskType: string; model: string; shadow: boolean }) => `${r.day.toISOString().slice(0, 10)}|${r.taskType}|${r.model}|${r.shadow}`;
    const { hour: _h, contextBucket: _c, toolCount: _t, ...sample } = strip([...days.values()][0] as never);
    expect(Object.keys(strip(storedDays[0])).sort()).toEqual(["day", ...Object.keys(sample)].sort());
    const without = (r: Record<string, unknown>) => {
      const { hour: _hour, day: _day, contextBucket: _cb, toolCount: _tc, ...rest } = strip(r);
      return rest;
    };
    expect(Object.fromEntries(storedDays.map((r) => [dayKey(r), without(r)]))).toEqual(
      Object.fromEntries([...days.entries()].map(([k, r]) => [k, without(r as never)])),
    );

    // Task sizes: every call at its exact size, after the same batches and late labels.
    const sizeKey = (r: { contextTokens: number; day: Date; taskType: string; model: string; toolCount: number }) =>
      `${r.contextTokens}|${r.day.toISOString()}|${r.taskType}|${r.model}|${r.toolCount}`;
    const storedSizes = await db().callTaskSize.findMany({ where: { teamSeq: seq } });
    expect(Object.fromEntries(storedSizes.map((r) => [sizeKey(r), strip(r)]))).toEqual(Object.fromEntries(expected.sortedSizes().map((r) => [sizeKey(r), strip(r)])));
    expect(expected.sortedSizes().reduce((n, r) => n + r.success, 0n)).toBe(sql.success);
  });
});
