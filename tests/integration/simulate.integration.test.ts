// POST /api/v1/simulate on stored traffic: a threshold inside a rollup bucket gives what a scan of every
// call gives, shadow labels count as evidence, metadata rules take the raw path, scopes and 422s.
import { describe, expect, it } from "vitest";
import type { Policy } from "@switchyard/sdk";
import { POST } from "@/app/api/v1/simulate/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { simulate, simulateWithData } from "@/lib/simulate";
import { compute, type Group } from "@/lib/simulate/compute";
import { fetchData } from "@/lib/simulate/fetch";
import { plan } from "@/lib/simulate/plan";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const day = Date.UTC(2026, 10, 20);
const window = { from: new Date(day), to: new Date(day + 86_400_000) };
const assumptions = { reviewCostPerFailureUsd: 1, minSamples: 30 };

async function seed() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const events = [
    ...Array.from({ length: 100 }, (_, i) => makeEvent({
      id: `xn-${i}`, taskType: "extract", model: "gpt-5.4-nano", timestamp: day + i * 60_000, inputTokens: 2100 + i * 8, outputTokens: 100 + i,
      outcome: i < 80 ? "success" : "failure", metadata: { tier: i % 2 ? "pro" : "free" },
    })),
    ...Array.from({ length: 100 }, (_, i) => makeEvent({
      id: `xm-${i}`, taskType: "extract", model: "gpt-5.4-mini", timestamp: day + i * 60_000, inputTokens: 1500 + i * 20, outputTokens: 150,
      outcome: i < 95 ? "success" : "failure", metadata: { tier: "pro" },
    })),
    ...Array.from({ length: 50 }, (_, i) => makeEvent({ id: `cn-${i}`, model: "gpt-5.4-nano", timestamp: day + i * 60_000, inputTokens: 400, outputTokens: 5, outcome: i < 45 ? "success" : "failure" })),
    // Shadow twins on mini: the only evidence of mini on classify.
    ...Array.from({ length: 40 }, (_, i) => makeEvent({ id: `cs-${i}`, shadowOf: `cn-${i}`, timestamp: day + i * 60_000, inputTokens: 400, outputTokens: 6, outcome: i < 38 ? "success" : "failure" })),
  ];
  await ingestEvents(teamId, events);
  return { team, teamId, events };
}

/** The reference: every production first attempt as its own group, routed one by one. */
async function scanEveryCall(teamId: ReturnType<typeof checkedTeamId>, events: Record<string, unknown>[], policy: Policy, w = window) {
  const data = await fetchData(teamId, w, plan(policy));
  const inWindow = (e: Record<string, unknown>) => Number(e.timestamp) >= w.from.getTime() && Number(e.timestamp) < w.to.getTime();
  const groups: Group[] = events.filter((e) => !e.shadowOf && inWindow(e)).map((e) => ({
    taskType: String(e.taskType), model: String(e.model), contextTokens: Number(e.inputTokens), toolCount: 0, metadata: e.metadata as Record<string, string>,
    tasks: 1, inputTokens: Number(e.inputTokens), outputTokens: Number(e.outputTokens),
  }));
  return compute({ ...data, groups }, policy, assumptions);
}

describe("simulate", () => {
  it("splits a context bucket exactly where a threshold falls inside it", async () => {
    const { teamId, events } = await seed();
    // 2,500 lies inside the 2,001-3,000 bucket that holds most extract calls.
    const policy: Policy = { defaultModel: "gpt-5.4-nano", rules: [{ id: "long", when: { contextTokens: { gt: 2500 } }, model: "gpt-5.4-mini" }] };
    const result = await simulate(teamId, { ...window, policy, assumptions });
    expect(result.path.rawCallsRead).toBe(true);
    const reference = await scanEveryCall(teamId, events, policy);
    const extract = result.byTaskType.find((r) => r.taskType === "extract")!;
    const expected = reference.find((r) => r.taskType === "extract")!;
    // nano calls have 2,100 + 8i tokens and mini calls 1,500 + 20i: in both, i >= 51 is above 2,500.
    expect(extract.modelMix).toEqual({ "gpt-5.4-nano": 102 / 200, "gpt-5.4-mini": 98 / 200 });
    expect(extract.projected.costUsd).toBeCloseTo(expected.projected.costNanos / 1e9, 6);
    expect(extract.projected.successRate).toBeCloseTo(expected.projected.successRate!, 6);

    // A window that starts an hour into the day: that day is its task sizes minus the first hour's raw calls.
    const late = { from: new Date(day + 3_600_000), to: new Date(day + 2 * 86_400_000) };
    const partial = (await simulate(teamId, { ...late, policy, assumptions })).byTaskType.find((r) => r.taskType === "extract")!;
    const partialExpected = (await scanEveryCall(teamId, events, policy, late)).find((r) => r.taskType === "extract")!;
    expect(partial.tasks).toBe(80); // minutes 60-99 of both series
    expect(partial.projected.costUsd).toBeCloseTo(partialExpected.projected.costNanos / 1e9, 6);
    expect(partial.modelMix).toEqual(Object.fromEntries(Object.entries(partialExpected.modelMix)));
    // Today (the window reaches past now): the day's task sizes so far, less the raw calls after the window (none).
    const today = { from: new Date(day), to: new Date(day + 12 * 3_600_000) };
    const sofar = await fetchData(teamId, today, plan(policy), new Date(day + 3 * 3_600_000));
    const sofarRow = compute(sofar, policy, assumptions).find((r) => r.taskType === "extract")!;
    const sofarExpected = (await scanEveryCall(teamId, events, policy, today)).find((r) => r.taskType === "extract")!;
    expect([sofarRow.tasks, sofarRow.projected.costNanos]).toEqual([sofarExpected.tasks, sofarExpected.projected.costNanos]);
    // A window of one hour: its calls are read raw.
    const hour = { from: new Date(day), to: new Date(day + 3_600_000) };
    const short = (await simulate(teamId, { ...hour, policy, assumptions })).byTaskType.find((r) => r.taskType === "extract")!;
    const shortExpected = (await scanEveryCall(teamId, events, policy, hour)).find((r) => r.taskType === "extract")!;
    expect(short.tasks).toBe(120);
    expect(short.projected.costUsd).toBeCloseTo(shortExpected.projected.costNanos / 1e9, 6);

    // A threshold limited to classify: only classify's calls in the bucket are read exactly, extract's come
    // from the rollups (not lost, not counted twice); every task type projects as the call-by-call scan does.
    const classifyOnly: Policy = { defaultModel: "gpt-5.4-nano", rules: [{ id: "long", when: { taskType: ["classify"], contextTokens: { gt: 2500 } }, model: "gpt-5.4-mini" }] };
    const limited = await simulate(teamId, { ...late, policy: classifyOnly, assumptions });
    const limitedExpected = await scanEveryCall(teamId, events, classifyOnly, late);
    for (const row of limited.byTaskType) {
      const ref = limitedExpected.find((r) => r.taskType === row.taskType)!;
      expect([row.taskType, row.tasks, row.projected.costUsd]).toEqual([ref.taskType, ref.tasks, Math.round(ref.projected.costNanos / 1000) / 1e6]);
    }
  });

  it("takes success from every label of the model, shadow evaluations included", async () => {
    const { teamId } = await seed();
    const result = await simulate(teamId, { ...window, policy: { defaultModel: "gpt-5.4-mini" }, assumptions });
    const classify = result.byTaskType.find((r) => r.taskType === "classify")!;
    expect(classify.evidence["gpt-5.4-mini"]).toEqual({ labeled: 40, successRate: 38 / 40 });
    expect(classify.projected.successRate).toBeCloseTo(0.95, 6);
    expect(classify.baseline.successRate).toBeCloseTo(0.9, 6);
    expect(classify.warnings).toEqual([]);
    // 50 tasks × (400 × $0.40 + 5 output tokens × 6/5 (mini's mean output over nano's, both >= 30 calls) × $1.60) / 1M.
    expect(classify.projected.costUsd).toBeCloseTo(50 * (400 * 0.4 + 6 * 1.6) / 1e6, 9);
    expect(classify.baseline.costUsd).toBeCloseTo(50 * (400 * 0.1 + 5 * 0.4) / 1e6, 9);
  });

  it("reads raw calls for metadata rules and says so", async () => {
    const { teamId, events } = await seed();
    const policy: Policy = { defaultModel: "gpt-5.4-nano", rules: [{ id: "pro", when: { metadata: { tier: "pro" } }, model: "gpt-5.4-mini" }] };
    const result = await simulate(teamId, { ...window, policy, assumptions });
    expect(result.path.notes.join(" ")).toMatch(/metadata/);
    const extract = result.byTaskType.find((r) => r.taskType === "extract")!;
    expect(extract.modelMix["gpt-5.4-mini"]).toBeCloseTo(150 / 200, 9);
    const expected = (await scanEveryCall(teamId, events, policy)).find((r) => r.taskType === "extract")!;
    expect(extract.projected.costUsd).toBeCloseTo(expected.projected.costNanos / 1e9, 6);
  });

  it("needs a read key, names bad fields and answers an invalid policy with 422", async () => {
    const { team } = await seed();
    const read = await makeKey(team.id, "read");
    const ingest = await makeKey(team.id, "ingest");
    const post = async (key: string, body: unknown) => {
      const res = await POST(apiRequest("/api/v1/simulate", key, { method: "POST", body: JSON.stringify(body) }));
      return { status: res.status, json: await res.json() };
    };
    const ok = await post(read.secret, { from: window.from.toISOString(), to: window.to.getTime(), policy: { defaultModel: "gpt-5.4-nano" } });
    expect(ok.status).toBe(200);
    expect(ok.json.window).toEqual({ from: "2026-11-20T00:00:00.000Z", to: "2026-11-21T00:00:00.000Z", days: 1 });
    expect(ok.json.baseline.tasks).toBe(250);
    expect(ok.json.savingsUsd).toBeGreaterThan(0);
    // A percent, as named: 100 × savings / the baseline's total cost (review included).
    expect(ok.json.savingsPct).toBeCloseTo((100 * ok.json.savingsUsd) / ok.json.baseline.totalCostUsd, 2);
    expect(ok.json.savingsPct).toBeGreaterThan(1);
    expect((await post(ingest.secret, { from: 0, to: 1, policy: {} })).status).toBe(403);
    const bad = await post(read.secret, { from: "yesterday", to: window.to.toISOString(), policy: { defaultModel: "x" } });
    expect([bad.status, bad.json.error.message]).toEqual([400, expect.stringMatching(/from/)]);
    const invalid = await post(read.secret, { from: window.from.getTime(), to: window.to.getTime(), policy: { defaultModel: "m", rules: [{ id: "r", when: {} }] } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.issues[0].path).toBe("policy.rules.0.model");
  });
  it("projects exploration at its rate, also where its condition splits a context bucket", async () => {
    const { teamId, events } = await seed();
    const policy: Policy = {
      defaultModel: "gpt-5.4-mini",
      explore: { rate: 0.2, models: ["gpt-5.4-nano"], when: { taskType: ["extract"], contextTokens: { gt: 2500 } } },
    };
    const result = await simulate(teamId, { ...window, policy, assumptions });
    expect(result.path.rawCallsRead).toBe(true);
    const reference = await scanEveryCall(teamId, events, policy);
    const extract = result.byTaskType.find((r) => r.taskType === "extract")!;
    const expected = reference.find((r) => r.taskType === "extract")!.modelMix;
    for (const [model, share] of Object.entries(expected)) expect(extract.modelMix[model]).toBeCloseTo(share, 12);
    // Of the 200 extract calls, the 98 above 2,500 tokens explore nano at 20%.
    expect(extract.modelMix["gpt-5.4-nano"]).toBeCloseTo((98 * 0.2) / 200, 12);
    expect(result.byTaskType.find((r) => r.taskType === "classify")!.modelMix).toEqual({ "gpt-5.4-mini": 1 });
  });
  it("judges a context rule on the labels of the cells it routes, and says so per task type", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // nano: right 90% of the time below 1,000 tokens, 50% above; mini 90% everywhere. All of it labeled.
    const nano = (i: number, big: boolean) => makeEvent({ id: `k${big ? "b" : "s"}-${i}`, taskType: "summarize", model: "gpt-5.4-nano", timestamp: day + i * 30_000,
      inputTokens: big ? 5000 : 600, outputTokens: 50, outcome: i % 10 < (big ? 5 : 9) ? "success" : "failure" });
    const mini = (i: number, big: boolean) => makeEvent({ id: `m${big ? "b" : "s"}-${i}`, taskType: "summarize", model: "gpt-5.4-mini", timestamp: day + i * 30_000 + 1,
      inputTokens: big ? 5000 : 600, outputTokens: 50, outcome: i % 10 < 9 ? "success" : "failure" });
    await ingestEvents(teamId, [...Array.from({ length: 100 }, (_, i) => nano(i, false)), ...Array.from({ length: 100 }, (_, i) => nano(i, true)),
      ...Array.from({ length: 100 }, (_, i) => mini(i, false)), ...Array.from({ length: 100 }, (_, i) => mini(i, true))]);
    const policy: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "short", when: { contextTokens: { lte: 1000 } }, model: "gpt-5.4-nano" }] };
    const result = await simulate(teamId, { ...window, policy, assumptions: { reviewCostPerFailureUsd: 0, minSamples: 30 } });
    const row = result.byTaskType.find((r) => r.taskType === "summarize")!;
    // Short tasks on nano at ~90% and long ones on mini at 90%: about 90%, not nano's average of 70% on the short half.
    expect(row.projected.successRate!).toBeCloseTo(0.9, 1);
    expect(row.coverage).toHaveLength(2);
    const short = row.coverage.find((c) => c.routes["gpt-5.4-nano"] === 1)!;
    expect(short).toMatchObject({ tasks: 200, evidence: { "gpt-5.4-nano": { labeled: 100, pooled: false } } });
    expect(result.path.notes.join(" ")).toMatch(/pooled toward the task type/);
  });
  it("judges a threshold inside a context bucket on the labels of each side, shadow calls and late labels included", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // All summaries run on mini (90% right) with nano shadowed: nano is right 95% of the time up to 2,500 tokens
    // and 50% above, all inside the 2,001-3,000 bucket. Nano's labels on the upper side arrive late.
    const size = (i: number) => 2100 + (i % 80) * 10; // 2,100-2,890: i % 80 < 41 is at or below 2,500
    const mini = Array.from({ length: 400 }, (_, i) => makeEvent({ id: `m-${i}`, taskType: "summarize", model: "gpt-5.4-mini", timestamp: day + 3_600_000 + i * 60_000,
      inputTokens: size(i), outputTokens: 80, outcome: i % 10 < 9 ? "success" : "failure" }));
    const nano = (i: number) => makeEvent({ id: `n-${i}`, shadowOf: `m-${i}`, taskType: "summarize", model: "gpt-5.4-nano", timestamp: day + 3_600_000 + i * 60_000 + 1,
      inputTokens: size(i), outputTokens: 70, ...(size(i) <= 2500 ? { outcome: i % 20 < 19 ? "success" : "failure" } : {}) });
    await ingestEvents(teamId, [...mini, ...Array.from({ length: 400 }, (_, i) => nano(i))]);
    await applyOutcomes(teamId, Array.from({ length: 400 }, (_, i) => i).filter((i) => size(i) > 2500)
      .map((i) => ({ callId: `n-${i}`, outcome: i % 2 ? ("success" as const) : ("failure" as const) })));

    const policy: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "short", when: { contextTokens: { lte: 2500 } }, model: "gpt-5.4-nano" }] };
    const a = { reviewCostPerFailureUsd: 0, minSamples: 30 };
    // A whole day (CallTaskSize) and a window that starts inside it (the day minus its raw calls before the start).
    for (const w of [window, { from: new Date(day + 2 * 3_600_000), to: new Date(day + 2 * 86_400_000) }]) {
      const result = await simulate(teamId, { ...w, policy, assumptions: a });
      const row = result.byTaskType.find((r) => r.taskType === "summarize")!;
      const short = row.coverage.find((c) => c.routes["gpt-5.4-nano"] === 1)!;
      // Nano on the short side at its own ~95%, not its bucket's ~72%.
      expect(short.evidence["gpt-5.4-nano"].successRate!).toBeGreaterThan(0.92);
      expect(short.evidence["gpt-5.4-nano"].pooled).toBe(false);
      const reference = await scanEveryCall(teamId, [...mini, ...Array.from({ length: 400 }, (_, i) => nano(i))], policy, w);
      expect(row.tasks).toBe(reference.find((r) => r.taskType === "summarize")!.tasks);
      // About half the tasks at ~95% and half at 90%: ~92.5%, where bucket-level labels said ~81%.
      expect(row.projected.successRate!).toBeGreaterThan(0.9);
    }
  });

  it("judges a metadata rule on the labels of the metadata values it routes", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // nano: 95% right on free-tier extractions, 60% on enterprise ones, at the same size; mini 95% on both.
    const call = (model: string, tier: string, i: number, right: number) => makeEvent({ id: `${model}-${tier}-${i}`, taskType: "extract", model, timestamp: day + i * 30_000,
      inputTokens: 800, outputTokens: 50, metadata: { tier, region: i % 2 ? "eu" : "us" }, outcome: i % 20 < right ? "success" : "failure" });
    await ingestEvents(teamId, [...Array.from({ length: 100 }, (_, i) => call("gpt-5.4-nano", "free", i, 19)), ...Array.from({ length: 100 }, (_, i) => call("gpt-5.4-nano", "enterprise", i, 12)),
      ...Array.from({ length: 100 }, (_, i) => call("gpt-5.4-mini", "free", i, 19)), ...Array.from({ length: 100 }, (_, i) => call("gpt-5.4-mini", "enterprise", i, 19))]);
    const policy: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "free", when: { metadata: { tier: "free" } }, model: "gpt-5.4-nano" }] };
    const result = await simulate(teamId, { ...window, policy, assumptions: { reviewCostPerFailureUsd: 0, minSamples: 30 } });
    const row = result.byTaskType.find((r) => r.taskType === "extract")!;
    // Free tier on nano at 95%, enterprise on mini at 95%: 95%, where nano's average (77.5%) would have said 86%.
    expect(row.projected.successRate!).toBeCloseTo(0.95, 2);
    const free = row.coverage.find((c) => c.routes["gpt-5.4-nano"] === 1)!;
    expect(free).toMatchObject({ tasks: 200, evidence: { "gpt-5.4-nano": { labeled: 100, pooled: false } } });
  });

  it("reads a sample of the raw calls for a metadata rule over a large window, keeping the rollups' totals", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    // 6,000 calls, 30% on the free tier, two task types and sizes across buckets; pages hold tiers mixed.
    const events = Array.from({ length: 6000 }, (_, i) => makeEvent({
      id: `s-${String(i).padStart(5, "0")}`, taskType: i % 3 ? "extract" : "classify", model: i % 4 ? "gpt-5.4-mini" : "gpt-5.4-nano", timestamp: day + i * 14_000,
      inputTokens: 300 + (i % 7) * 400, outputTokens: 40 + (i % 5), metadata: { tier: i % 10 < 3 ? "free" : "pro" }, outcome: i % 9 ? "success" : "failure",
    }));
    for (let i = 0; i < events.length; i += 1000) await ingestEvents(teamId, events.slice(i, i + 1000));
    const policy: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "free", when: { metadata: { tier: "free" } }, model: "gpt-5.4-nano" }] };
    const input = { ...window, policy, assumptions };
    const exact = (await simulateWithData(teamId, input)).result;
    expect(exact.path.sample).toBeNull();
    const { result } = await simulateWithData(teamId, input, 1500);
    expect(result.path.exact).toBe(false);
    expect(result.path.sample!.of).toBe(6000);
    expect(result.path.sample!.calls).toBeGreaterThan(500);
    expect(result.path.sample!.calls).toBeLessThan(3500);
    expect(result.path.notes.join(" ")).toMatch(/a sample of [\d,]+ of them/);
    // The population and baseline are the rollups' own; only the split by tier is estimated.
    expect(result.baseline).toEqual(exact.baseline);
    expect(result.projected.tasks).toBe(6000);
    for (const row of result.byTaskType) expect(row.tasks).toBe(exact.byTaskType.find((r) => r.taskType === row.taskType)!.tasks);
    expect(result.projected.costUsd).toBeGreaterThan(exact.projected.costUsd * 0.9);
    expect(result.projected.costUsd).toBeLessThan(exact.projected.costUsd * 1.1);
    const nano = result.byTaskType.find((r) => r.taskType === "extract")!.modelMix["gpt-5.4-nano"]!;
    expect(Math.abs(nano - 0.3)).toBeLessThan(0.1);
    // The same pages each time: a repeated simulation answers the same.
    expect((await simulateWithData(teamId, input, 1500)).result).toEqual(result);
  });
});
