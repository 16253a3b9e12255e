// GET /api/v1/analytics/task-types on stored traffic: exact money and rates, percentiles within 5% of the
// exact value, shadow calls left out, windows at hour and day edges (both rollup grains), scopes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/analytics/task-types/route";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { getCostSeries } from "@/lib/analytics/queries/get-cost-series";
import { parseRange } from "@/lib/analytics/range";
import { loadTraces } from "@/lib/analytics/calls";
import { EXACT_LATENCY_MAX_CALLS } from "@/lib/analytics/queries/get-model-stats";
import { loadOverview, loadSpendCards } from "@/lib/analytics/overview";
import { simulate } from "@/lib/simulate";
import { getQualitySeries, utcDays } from "@/lib/analytics/queries/get-quality-series";
import { localDate } from "@/lib/analytics/time-zone";
import { mergeHistograms } from "@/lib/rollups/histogram";
import { loadBreakdown } from "@/lib/analytics/breakdown";
import { getMetadataBreakdown } from "@/lib/analytics/queries/get-metadata-breakdown";
import { loadTaskTypeDetail } from "@/lib/analytics/task-types";
import { loadTrends } from "@/lib/analytics/trends";
import { db } from "@/lib/db";
import { checkedTeamId } from "@/lib/auth/team-id";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const HOUR = 3_600_000;
const base = Date.UTC(2026, 10, 20, 10);

async function get(secret: string | undefined, query: string) {
  const res = await GET(apiRequest(`/api/v1/analytics/task-types?${query}`, secret));
  return { status: res.status, json: await res.json() };
}

function exactQuantile(values: number[], q: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

async function seedTeam() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const read = await makeKey(team.id, "read");
  const nanoLatencies = Array.from({ length: 200 }, (_, i) => 150 + ((i * 37) % 200) * 9.5);
  const events = [
    // 200 nano classify calls over two days: 150 success, 30 failure, 20 unlabeled; $0.00014 each.
    ...nanoLatencies.map((latencyMs, i) => makeEvent({
      id: `nano-${i}`, model: "gpt-5.4-nano", timestamp: base + (i % 2) * 24 * HOUR + i * 60_000, inputTokens: 1000, outputTokens: 100,
      latencyMs, ttftMs: latencyMs / 2, outcome: i < 150 ? "success" : i < 180 ? "failure" : undefined,
    })),
    // 100 mini classify calls, 10 of them errors; 4 are escalations of nano calls.
    ...Array.from({ length: 100 }, (_, i) => makeEvent({
      id: `mini-${i}`, timestamp: base + i * 60_000, inputTokens: 2000, outputTokens: 500, latencyMs: 1000 + i,
      status: i < 10 ? "error" : "ok", ...(i >= 96 ? { attempt: 2, parentId: `nano-${i}`, escalatedFrom: "gpt-5.4-nano" } : {}),
    })),
    // Shadow twins: real calls, but evaluation spend, not part of the table.
    ...Array.from({ length: 50 }, (_, i) => makeEvent({ id: `shadow-${i}`, timestamp: base + i * 60_000, shadowOf: `nano-${i}`, outcome: "success" })),
    // An agent run of three steps labeled as a whole.
    ...[0, 1, 2].map((stepIndex) => makeEvent({ id: `run-${stepIndex}`, taskType: "tool_agent", traceId: "run", stepIndex, timestamp: base + stepIndex * 1000, attempt: 1 })),
  ];
  for (let i = 0; i < events.length; i += 100) await ingestEvents(teamId, events.slice(i, i + 100));
  await applyOutcomes(teamId, [{ traceId: "run", outcome: "failure" }]);
  return { teamId, team, read, nanoLatencies };
}

describe("GET /api/v1/analytics/task-types", () => {
  it("reports exact cost and rates per task type and model, without shadow calls", async () => {
    const { read, nanoLatencies } = await seedTeam();
    const { status, json } = await get(read.secret, "from=2026-11-19&to=2026-11-23");
    expect(status).toBe(200);
    expect([json.from, json.to]).toEqual(["2026-11-19T00:00:00.000Z", "2026-11-23T00:00:00.000Z"]);
    const row = (taskType: string, model: string) => json.rows.find((r: { taskType: string; model: string }) => r.taskType === taskType && r.model === model);

    const nano = row("classify", "gpt-5.4-nano");
    expect(nano).toMatchObject({ calls: 200, tasks: 200, costUsd: 0.028, costPerTaskUsd: 0.00014, inputTokens: 200_000, outputTokens: 20_000, labeled: 180, errorRate: 0, escalationRate: 4 / 200 });
    expect(nano.successRate).toBeCloseTo(150 / 180, 12);
    // A window of a few hundred calls reads their latencies: exact percentiles, not a bucket's value.
    expect(nano.latencyP50Ms).toBe(exactQuantile(nanoLatencies, 0.5));
    expect(nano.latencyP95Ms).toBe(exactQuantile(nanoLatencies, 0.95));
    expect(nano.ttftP50Ms).toBe(Number(exactQuantile(nanoLatencies.map((l) => l / 2), 0.5).toFixed(1))); // the API's one decimal
    // Every nano call generates 100 tokens in latency/2 ms, so tokens/s is 200,000 / latency.
    const tpsExact = exactQuantile(nanoLatencies.map((l) => 200_000 / l), 0.5);
    expect(Math.abs(nano.outputTokensPerSec - tpsExact) / tpsExact).toBeLessThanOrEqual(0.05);

    // The shadow twins (mini, labeled success) must not leak into mini's row: mini has no labels at all.
    const mini = row("classify", "gpt-5.4-mini");
    expect(mini).toMatchObject({ calls: 100, tasks: 96, labeled: 0, successRate: null, errorRate: 0.1, escalationRate: 0 });
    expect(mini.costUsd).toBe(0.16); // 100 × (2000 × $0.40 + 500 × $1.60) / 1M

    // A trace label counts for each of its steps.
    expect(row("tool_agent", "gpt-5.4-mini")).toMatchObject({ calls: 3, labeled: 3, successRate: 0 });
    expect(json.rows).toHaveLength(3);
  });

  it("cuts windows at hours and days, whichever rollup grain answers", async () => {
    const { read, teamId } = await seedTeam();
    // nano-i is at base + (i % 2) days + i minutes: the odd ones fall on 11-21.
    const day21 = await get(read.secret, "from=2026-11-21&to=2026-11-22");
    expect(day21.json.rows.map((r: { model: string; calls: number }) => [r.model, r.calls])).toEqual([["gpt-5.4-nano", 100]]);
    // 10:00-11:00 on the 20th holds minutes 0-59 of each series: 30 even nano calls, 60 mini calls, the run.
    const hour = await get(read.secret, `from=${base}&to=${base + HOUR}`);
    const calls = hour.json.rows.map((r: { taskType: string; model: string; calls: number }) => `${r.taskType} ${r.model} ${r.calls}`);
    expect(calls.sort()).toEqual(["classify gpt-5.4-mini 60", "classify gpt-5.4-nano 30", "tool_agent gpt-5.4-mini 3"]);
    // A window mixing day rows and edge hours adds up to the same as one read from hourly rows only.
    const mixed = await getModelStats(teamId, new Date(Date.UTC(2026, 10, 19, 13)), new Date(Date.UTC(2026, 10, 22, 5)));
    expect(mixed.filter((s) => !s.shadow).reduce((n, s) => n + s.calls, 0)).toBe(303);
    // Any window, on or off the hour, within a day or across days: the calls of the hours that start in it.
    const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId } });
    const start = Date.UTC(2026, 10, 18);
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 6 * 24 * 60 }), fc.integer({ min: 0, max: 4 * 24 * 60 }), async (fromMin, lengthMin) => {
      const from = new Date(start + fromMin * 60_000);
      const to = new Date(from.getTime() + lengthMin * 60_000);
      const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`
        SELECT count(*)::int8 AS n FROM "Call" WHERE "teamSeq" = ${seq} AND date_trunc('hour', "ts") >= ${from} AND date_trunc('hour', "ts") < ${to}`;
      expect((await getModelStats(teamId, from, to)).reduce((sum, s) => sum + s.calls, 0)).toBe(Number(n));
    }), { numRuns: 40 });

    // A UTC team's daily spend series reads whole days from the day rows: for any window it equals the series
    // summed from hourly rows alone (what "Etc/UTC", the same zone under another name, reads).
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 6 * 24 }), fc.integer({ min: 0, max: 4 * 24 }), async (fromHour, lengthHours) => {
      const from = new Date(start + fromHour * HOUR);
      const to = new Date(from.getTime() + lengthHours * HOUR);
      expect(await getCostSeries(teamId, from, to, "UTC", false)).toEqual(await getCostSeries(teamId, from, to, "Etc/UTC", false));
    }), { numRuns: 25 });

    const empty = await get(read.secret, "from=2026-10-01&to=2026-10-02");
    expect(empty).toEqual({ status: 200, json: { from: "2026-10-01T00:00:00.000Z", to: "2026-10-02T00:00:00.000Z", rows: [] } });
  });

  it("counts a team's local day in its time zone", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // 04:30 UTC on the 21st is still the 20th in New York; 05:30 UTC is the 21st there.
    await ingestEvents(teamId, [
      makeEvent({ id: "late-20th", timestamp: "2026-11-21T04:30:00Z" }),
      makeEvent({ id: "early-21st", timestamp: "2026-11-21T05:30:00Z" }),
    ]);
    const callsOn = async (date: string, zone: string) => {
      const { window } = parseRange({ range: "custom", from: date, to: date }, zone);
      return (await getModelStats(teamId, window.from, window.to)).reduce((n, s) => n + s.calls, 0);
    };
    expect([await callsOn("2026-11-20", "America/New_York"), await callsOn("2026-11-21", "America/New_York")]).toEqual([1, 1]);
    expect([await callsOn("2026-11-20", "UTC"), await callsOn("2026-11-21", "UTC")]).toEqual([0, 2]);
  });

  it("needs a read or admin key and names a bad window field", async () => {
    const { team, read } = await seedTeam();
    const ingest = await makeKey(team.id, "ingest");
    const admin = await makeKey(team.id, "admin");
    expect((await get(undefined, "")).status).toBe(401);
    expect((await get(ingest.secret, "")).json.error.code).toBe("forbidden");
    expect((await get(admin.secret, "")).status).toBe(200);
    const bad = await get(read.secret, "from=last-week");
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/from/);
    const backwards = await get(read.secret, "from=2026-11-22&to=2026-11-21");
    expect(backwards.json.error.message).toMatch(/to: must be after from/);
  });
});

describe("a task type's success by step", () => {
  it("lists steps in order and as sent, whichever model ran which step", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // mini (listed first) ran steps 3 and 5, nano steps 2 and 4: grouping by model first used to give 3, 5, 2, 4.
    const steps: [string, number][] = [["gpt-5.4-mini", 3], ["gpt-5.4-mini", 5], ["gpt-5.4-nano", 2], ["gpt-5.4-nano", 4]];
    await ingestEvents(teamId, steps.map(([model, stepIndex], i) => makeEvent({ id: `s-${i}`, model, taskType: "tool_agent", traceId: `t-${i}`, stepIndex, outcome: "success", timestamp: base + i * 1000 })));
    const { window } = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-20" }, "UTC");
    const detail = await loadTaskTypeDetail(teamId, window, "tool_agent");
    expect(detail?.steps?.map((s) => s.step)).toEqual([2, 3, 4, 5]);
  });
});

describe("numbers the Overview shares with other pages", () => {
  it("gives the simulator's baseline success (task types weighted by their tasks, not labels pooled) and cost", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // classify: 300 tasks, all labeled, 90% success; extract: 100 tasks, 20 labeled, 50% success.
    // Pooled labels would say (270 + 10) / 320 = 87.5%; per task (300 × 0.9 + 100 × 0.5) / 400 = 80%.
    await ingestEvents(teamId, [
      ...Array.from({ length: 300 }, (_, i) => makeEvent({ id: `c-${i}`, timestamp: base + i * 1000, outcome: i < 270 ? "success" : "failure" })),
      ...Array.from({ length: 100 }, (_, i) => makeEvent({ id: `e-${i}`, taskType: "extract", timestamp: base + i * 1000, outcome: i < 10 ? "success" : i < 20 ? "failure" : undefined })),
    ]);
    const { window } = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-20" }, "UTC");
    const overview = await loadOverview(teamId, window, "UTC");
    const sim = await simulate(teamId, { from: window.from, to: window.to, policy: { defaultModel: "gpt-5.4-mini" }, assumptions: { reviewCostPerFailureUsd: 0, minSamples: 30 } });
    expect(overview.totals.successRate).toBeCloseTo(0.8, 12);
    expect(sim.baseline.successRate).toBeCloseTo(overview.totals.successRate!, 6);
    expect(sim.baseline.successRateLow).toBeCloseTo(overview.totals.interval!.low, 6);
    expect(sim.baseline.costUsd).toBeCloseTo(Number(overview.totals.costNanos) / 1e9, 6);
  });

  it("shows a single call's own latency as p50 and p95, and histogram values past the exact-read limit", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    await ingestEvents(teamId, [makeEvent({ id: "one", timestamp: base, latencyMs: 900 })]);
    const { window } = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-20" }, "UTC");
    const one = (await loadOverview(teamId, window, "UTC")).totals;
    expect([one.latencyP50Ms, one.latencyP95Ms]).toEqual([900, 900]);
    const more = Array.from({ length: EXACT_LATENCY_MAX_CALLS }, (_, i) => makeEvent({ id: `m-${i}`, timestamp: base + i, latencyMs: 900 }));
    for (let i = 0; i < more.length; i += 1000) await ingestEvents(teamId, more.slice(i, i + 1000));
    // 2,001 calls of 900 ms: the histogram's bucket value, within 2% but not 900.
    const many = (await loadOverview(teamId, window, "UTC")).totals;
    expect(many.latencyP50Ms).not.toBe(900);
    expect(Math.abs(many.latencyP50Ms! - 900) / 900).toBeLessThanOrEqual(0.02);
  });
});

describe("the breakdown by a metadata key", () => {
  it("gives each value its cost, task-weighted success and exact latency, and says when it read a sample", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    await ingestEvents(teamId, [
      // pro: 10 classify (all labeled, 9 success) and 10 extract (2 labeled, 1 success), latency 100..1,900 ms.
      ...Array.from({ length: 20 }, (_, i) => makeEvent({
        id: `p-${i}`, taskType: i < 10 ? "classify" : "extract", timestamp: base + i * 1000, latencyMs: 100 * (i + 1) - 0.5 * (i % 2), ttftMs: 50,
        metadata: { tier: "pro" }, outcome: i < 9 ? "success" : i === 9 ? "failure" : i === 10 ? "success" : i === 11 ? "failure" : undefined,
      })),
      ...Array.from({ length: 5 }, (_, i) => makeEvent({ id: `f-${i}`, timestamp: base + i * 1000, metadata: { tier: "free", feature: "docs" }, inputTokens: 1000, outputTokens: 0 })),
      makeEvent({ id: "none", timestamp: base, metadata: { feature: "docs" } }),
      makeEvent({ id: "shadow", timestamp: base, metadata: { tier: "pro" }, shadowOf: "p-0", model: "gpt-5.4-nano" }),
    ]);
    const { window } = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-20" }, "UTC");
    const b = (await loadBreakdown(teamId, window, "tier"))!;
    expect(b.keys).toEqual(["feature", "tier"]);
    expect(b.sampled).toBe(false);
    const pro = b.values.find((v) => v.value === "pro")!;
    expect(pro).toMatchObject({ calls: 20, tasks: 20, labeled: 12 });
    expect(pro.successRate).toBeCloseTo((10 * 0.9 + 10 * 0.5) / 20, 12);
    const latencies = Array.from({ length: 20 }, (_, i) => 100 * (i + 1) - 0.5 * (i % 2));
    expect([pro.latencyP50Ms, pro.latencyP95Ms]).toEqual([exactQuantile(latencies, 0.5), exactQuantile(latencies, 0.95)]);
    expect(b.values.find((v) => v.value === "free")!.costNanos).toBe(5n * 1000n * 400n); // 1,000 input tokens at $0.40 per 1M
    expect(b.values.find((v) => v.value === null)!.calls).toBe(1);
    // The costs per value add up to the window's spend from the rollups (shadow calls in neither).
    const total = b.values.reduce((n, v) => n + (v.costNanos ?? 0n), 0n);
    expect(total).toBe((await loadOverview(teamId, window, "UTC")).totals.costNanos);
    expect((await loadBreakdown(teamId, window, "no-such-key"))!.key).toBe("feature");

    const { sampled, rows } = await getMetadataBreakdown(teamId, window.from, window.to, "tier", 10);
    expect(sampled).toBe(true);
    expect(rows.filter((r) => r.taskType === null).reduce((n, r) => n + r.calls, 0)).toBe(10);
  });
});

describe("the Overview's spend cards", () => {
  it("compare the last 7 and 30 days with the same span before, to the hour, not with whole periods", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // The same spend every hour for 70 days, up to 01:20 UTC on Nov 25: any trend is the comparison's fault.
    const now = Date.UTC(2026, 10, 25, 1, 20);
    const hours = Array.from({ length: 70 * 24 }, (_, i) => now - (i + 1) * 3_600_000 + 3_000_000);
    const events = hours.map((t, i) => makeEvent({ id: `h-${i}`, timestamp: t }));
    for (let i = 0; i < events.length; i += 500) await ingestEvents(teamId, events.slice(i, i + 500));
    const cards = await loadSpendCards(teamId, "UTC", new Date(now));
    expect(cards.last7.trend.nanos).toBe(cards.last7.trend.previousNanos);
    expect(cards.last30.trend.nanos).toBe(cards.last30.trend.previousNanos);
    // The cards themselves count up to now: today's 00:30 call too.
    expect(cards.last7.nanos).toBeGreaterThan(cards.last7.trend.nanos);
  });
});

describe("the Traces list", () => {
  it("filters runs by task type, a model any step used, the run's outcome and a minimum duration, and says what a total leaves out", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    const run = (traceId: string, taskType: string, steps: [string, number, number][]) =>
      steps.map(([model, atSec, latencyMs], stepIndex) => makeEvent({ id: `${traceId}-${stepIndex}`, traceId, stepIndex, taskType, model, latencyMs, ttftMs: undefined, timestamp: base + atSec * 1000 }));
    await ingestEvents(teamId, [
      ...run("a", "tool_agent", [["gpt-5.4-mini", 0, 2000], ["gpt-5.4-nano", 3, 2000], ["gpt-5.4-mini", 6, 4000]]), // 10 s
      ...run("b", "tool_agent", [["gpt-5.4-mini", 60, 1000], ["gpt-5.4-mini", 61, 1000]]), // 2 s
      ...run("c", "summarize", [["ft-unpriced", 120, 30_000]]), // 30 s, no price
      // Its first call ends last: 8 s from the first start to the last end (not last start + longest call, 9 s).
      ...run("d", "tool_agent", [["gpt-5.4-mini", 200, 8000], ["gpt-5.4-nano", 201, 1000]]),
    ]);
    await applyOutcomes(teamId, [{ traceId: "a", outcome: "success" }, { traceId: "b", outcome: "failure" }]);
    const window = { from: new Date(base - 3_600_000), to: new Date(base + 3_600_000) };
    const ids = async (filters: Parameters<typeof loadTraces>[2]) => (await loadTraces(teamId, { ...window } as never, filters)).rows.map((r) => r.traceId);
    const none = { taskType: undefined, model: undefined, minDuration: undefined, cursor: undefined };
    expect(await ids(none)).toEqual(["d", "c", "b", "a"]);
    expect(await ids({ ...none, taskType: "tool_agent" })).toEqual(["d", "b", "a"]);
    expect(await ids({ ...none, model: "gpt-5.4-nano" })).toEqual(["d", "a"]); // used on step 1 only
    expect(await ids({ ...none, outcome: "failure" })).toEqual(["b"]);
    expect(await ids({ ...none, outcome: "none" })).toEqual(["d", "c"]);
    expect(await ids({ ...none, minDuration: 5 })).toEqual(["d", "c", "a"]);
    expect(await ids({ ...none, minDuration: 8.5 })).toEqual(["c", "a"]);
    const rows = (await loadTraces(teamId, window as never, none)).rows;
    expect(rows.map((r) => [r.traceId, r.latencyMs, r.unpriced])).toEqual([["d", 8000, 0], ["c", 30_000, 1], ["b", 2000, 0], ["a", 10_000, 0]]);
  });
});

describe("a task type over time", () => {
  it("gives each model's success, p95 and cost per day, gaps as gaps, with publishes marked on their day", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    const day = (d: number, h = 10) => Date.UTC(2026, 10, 20 + d, h);
    // mini on days 0-2 (day 1 all failures), nano only on day 2.
    const events = [0, 1, 2].flatMap((d) => Array.from({ length: 4 }, (_, i) => makeEvent({ id: `m-${d}-${i}`, timestamp: day(d) + i * 60_000, latencyMs: 1000 * (i + 1), outcome: d === 1 ? "failure" : "success" })))
      .concat(Array.from({ length: 2 }, (_, i) => makeEvent({ id: `n-${i}`, model: "gpt-5.4-nano", timestamp: day(2) + i * 60_000, outcome: i === 0 ? "success" : "failure" })));
    await ingestEvents(teamId, events);
    await db().policyVersion.create({ data: { teamId, version: 1, policy: { defaultModel: "gpt-5.4-nano" }, message: "nano", publishedAt: new Date(day(2, 6)) } });
    const { window } = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-22" }, "UTC");
    const trends = await loadTrends(teamId, window, "UTC", "classify");
    expect(trends.models).toEqual(["gpt-5.4-mini", "gpt-5.4-nano"]);
    const success = trends.metrics.find((m) => m.name === "success")!.data;
    expect(success).toEqual([
      { label: "Nov 20", "gpt-5.4-mini": 1, "gpt-5.4-nano": null },
      { label: "Nov 21", "gpt-5.4-mini": 0, "gpt-5.4-nano": null },
      { label: "Nov 22", "gpt-5.4-mini": 1, "gpt-5.4-nano": 0.5 },
    ]);
    const p95 = trends.metrics.find((m) => m.name === "latencyP95")!.data[0]["gpt-5.4-mini"] as number;
    expect(Math.abs(p95 - 4000) / 4000).toBeLessThan(0.05);
    expect(trends.markers).toEqual([{ label: "Nov 22", version: 1, rollback: false }]);

    // UTC days come from the day rows; they must give what the hourly rows add up to, and a zone whose
    // days are not UTC days reads the hourly rows.
    expect(utcDays("UTC", window.from, window.to)).toBe(true);
    expect(utcDays("Asia/Kolkata", window.from, window.to)).toBe(false);
    const daily = await getQualitySeries(teamId, window.from, window.to, "UTC", false, "classify");
    const hourly = await getQualitySeries(teamId, window.from, window.to, "UTC", true, "classify");
    const summed = new Map<string, (typeof hourly)[number]>();
    for (const h of hourly) {
      const key = `${localDate(h.bucket, "UTC")}|${h.model}`;
      const s = summed.get(key);
      summed.set(key, s ? { ...s, calls: s.calls + h.calls, tasks: s.tasks + h.tasks, success: s.success + h.success, failure: s.failure + h.failure,
        errors: s.errors + h.errors, costNanos: s.costNanos + h.costNanos, unpriced: s.unpriced + h.unpriced, latencyHist: mergeHistograms(s.latencyHist, h.latencyHist) }
        : { ...h, bucket: new Date(`${localDate(h.bucket, "UTC")}T00:00:00Z`) });
    }
    expect(daily).toEqual([...summed.values()]);
    const kolkata = parseRange({ range: "custom", from: "2026-11-20", to: "2026-11-22" }, "Asia/Kolkata").window;
    expect((await getQualitySeries(teamId, kolkata.from, kolkata.to, "Asia/Kolkata", false, "classify")).reduce((n, p) => n + p.calls, 0)).toBe(14);
  });
});
