// The projection arithmetic on hand-computed cases (contracts §7).
import { describe, expect, it } from "vitest";
import type { Policy } from "@switchyard/sdk";
import { compute, totalOf, type Evidence, type SimData } from "@/lib/simulate/compute";
import { bucketOf } from "@/lib/rollups/histogram";
import { formatTotals } from "@/lib/simulate/format";
import { bucketRange, plan } from "@/lib/simulate/plan";

const PRICES = { "gpt-5.4-mini": { input: 400_000, output: 1_600_000 }, "gpt-5.4-nano": { input: 100_000, output: 400_000 } };
const ev = (model: string, over: Partial<Evidence> = {}): Evidence =>
  ({ taskType: "extract", model, calls: 1000, shadowCalls: 0, outputTokens: 100_000, success: 900, failure: 100, errors: 0, malformed: 0, latencyHist: { "300": 1000 }, ...over });

function data(over: Partial<SimData> = {}): SimData {
  return {
    groups: [{ taskType: "extract", model: "gpt-5.4-nano", contextTokens: 1000, toolCount: 0, tasks: 1000, inputTokens: 40_000_000, outputTokens: 10_000_000 }],
    evidence: [ev("gpt-5.4-nano"), ev("gpt-5.4-mini")],
    cells: [],
    baseline: [{ taskType: "extract", tasks: 1000, costNanos: 8_000_000_000n, success: 900, failure: 100, escalations: 0, latencyHist: { "300": 1000 } }],
    prices: PRICES,
    ...over,
  };
}
const allMini: Policy = { defaultModel: "gpt-5.4-mini" };
const A = { reviewCostPerFailureUsd: 0, minSamples: 30 };

describe("compute", () => {
  it("prices a day of 40M input and 10M output tokens on $0.40 / $1.60 at exactly $32.00", () => {
    const [row] = compute(data(), allMini, A);
    expect(formatTotals(row.projected).costUsd).toBe(32);
    expect(formatTotals(row.baseline).costUsd).toBe(8);
    expect(row.modelMix).toEqual({ "gpt-5.4-mini": 1 });
  });

  it("scales output tokens by the models' mean output on the task type when both have enough calls", () => {
    // mini writes 150 tokens on average where nano writes 100: 10M output tokens become 15M.
    const rich = data({ evidence: [ev("gpt-5.4-nano"), ev("gpt-5.4-mini", { outputTokens: 150_000 })] });
    expect(formatTotals(compute(rich, allMini, A)[0].projected).costUsd).toBe(16 + 15 * 1.6);
    // Below minSamples calls the tokens are taken as they are.
    expect(formatTotals(compute(rich, allMini, { ...A, minSamples: 2000 })[0].projected).costUsd).toBe(32);
  });

  it("compares output tokens per answered call: an error writes nothing", () => {
    // Both models write 100 tokens per answer; nano errored on a tenth of its calls (0 tokens each).
    const d = data({ evidence: [ev("gpt-5.4-nano", { errors: 100, outputTokens: 90_000 }), ev("gpt-5.4-mini")] });
    expect(formatTotals(compute(d, allMini, A)[0].projected).costUsd).toBe(32);
  });

  it("escalates the detected share of failures and adds the escalation model's cost and success", () => {
    const policy: Policy = { defaultModel: "gpt-5.4-nano", escalation: { model: "gpt-5.4-mini", on: ["error", "malformed_output"], maxAttempts: 2 } };
    // nano: 80% success; of its 200 failures, 100 errors + 60 malformed are detected (d = 0.8). Its errors
    // wrote nothing: 90,000 output tokens over 900 answers, as many per answer as mini writes.
    const d = data({ evidence: [ev("gpt-5.4-nano", { success: 800, failure: 200, errors: 100, malformed: 60, outputTokens: 90_000 }), ev("gpt-5.4-mini", { success: 950, failure: 50 })] });
    const [row] = compute(d, policy, { ...A, reviewCostPerFailureUsd: 2 });
    const escalated = 0.2 * 0.8; // (1 - p) × d
    expect(row.projected.escalationRate).toBeCloseTo(escalated, 12);
    expect(row.projected.successRate).toBeCloseTo(0.8 + escalated * 0.95, 12);
    // nano for everyone ($8) + mini for the escalated 16% ($32 × 0.16 = $5.12)
    expect(formatTotals(row.projected).costUsd).toBe(13.12);
    // review: 1000 × (1 - 0.952) failures × $2 = $96; baseline 100 failures × $2 = $200
    expect(formatTotals(row.projected).reviewCostUsd).toBe(96);
    expect(formatTotals(row.baseline).reviewCostUsd).toBe(200);
    expect(formatTotals(row.projected).totalCostUsd).toBe(109.12);
  });

  it("assumes the observed rate and says so when a model has too few labels", () => {
    const d = data({ evidence: [ev("gpt-5.4-nano"), ev("gpt-5.4-mini", { success: 10, failure: 2 })], baseline: [{ ...data().baseline[0], success: 850, failure: 150 }] });
    const [row] = compute(d, allMini, A);
    expect(row.projected.successRate).toBeCloseTo(0.85, 12);
    expect(row.warnings).toEqual([expect.objectContaining({ code: "insufficient_evidence", model: "gpt-5.4-mini" })]);
    expect(row.warnings[0].message).toMatch(/12 labeled extract calls, fewer than 30: .* observed 85.0%/);
  });

  it("gives a 95% interval that narrows with more labels", () => {
    const few = compute(data({ evidence: [ev("gpt-5.4-nano"), ev("gpt-5.4-mini", { success: 90, failure: 10 })] }), allMini, A)[0].projected;
    const many = compute(data(), allMini, A)[0].projected;
    expect(few.successRateLow!).toBeLessThan(many.successRateLow!);
    expect(many.successRateLow).toBeCloseTo(0.88, 2); // Wilson for 900 / 1000: 0.8797 – 0.9174
    expect(many.successRateHigh).toBeCloseTo(0.917, 2);
    const total = totalOf([compute(data(), allMini, A)[0]], "projected");
    expect(total.successRateLow).toBeCloseTo(many.successRateLow!, 6);
  });

  it("splits a context bucket only where a threshold falls inside it", () => {
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { contextTokens: { gt: 2500 } }, model: "x" }] }).segmentStarts).toEqual(
      [0, 251, 501, 1001, 2001, 2501, 3001, 4001, 6001, 8001, 16001, 32001, 64001, 128001]);
    // Buckets end at round numbers + 1, so "> 4000" (the article's line) is a bucket edge and ">= 4000" is not.
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { contextTokens: { gt: 4000 } }, model: "x" }] })).toMatchObject({ splitBuckets: [], metadata: false });
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { contextTokens: { gte: 4000 } }, model: "x" }] })).toMatchObject({ splitBuckets: [5], metadata: false });
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { contextTokens: { gte: 4000 } }, model: "x" }] }).splitTaskTypes).toBeNull();
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { taskType: ["b", "a"], contextTokens: { gte: 4000 } }, model: "x" }, { id: "c", when: { taskType: ["c"], contextTokens: { gt: 4000 } }, model: "x" }] }).splitTaskTypes).toEqual(["a", "b"]);
    expect(plan({ defaultModel: "m", rules: [{ id: "a", when: { contextTokens: { lt: 2500 }, metadata: { tier: "pro" } }, model: "x" }] })).toMatchObject({ splitBuckets: [4], metadata: true });
    expect(plan({ defaultModel: "m", explore: { rate: 0.1, models: ["x"], when: { contextTokens: { lte: 2500 }, metadata: { tier: "pro" } } } })).toMatchObject({ splitBuckets: [4], metadata: true });
  });
});

describe("success where the policy routes", () => {
  // The case that started us: nano summarises at 91% below 3,000 tokens and 62% above; mini at 93% on both.
  const cell = (model: string, bucket: number, success: number, failure: number) => ({ taskType: "summarize", model, contextFrom: bucketRange(bucket)[0], toolCount: 0, calls: 0, latencyMsSum: 0, answered: success + failure, outputTokens: 0, success, failure });
  const world = (): SimData => ({
    groups: [
      { taskType: "summarize", model: "gpt-5.4-mini", contextTokens: 1500, toolCount: 0, tasks: 600, inputTokens: 900_000, outputTokens: 120_000 },
      { taskType: "summarize", model: "gpt-5.4-mini", contextTokens: 5000, toolCount: 0, tasks: 400, inputTokens: 2_000_000, outputTokens: 80_000 },
    ],
    evidence: [
      { ...ev("gpt-5.4-nano"), taskType: "summarize", calls: 1000, success: 794, failure: 206 },
      { ...ev("gpt-5.4-mini"), taskType: "summarize", calls: 1000, success: 932, failure: 68 },
    ],
    cells: [cell("gpt-5.4-nano", 3, 546, 54), cell("gpt-5.4-nano", 6, 248, 152), cell("gpt-5.4-mini", 3, 558, 42), cell("gpt-5.4-mini", 6, 374, 26)],
    baseline: [{ taskType: "summarize", tasks: 1000, costNanos: 1_000_000n, success: 932, failure: 68, escalations: 0, latencyHist: { "300": 1000 } }],
    prices: PRICES,
  });
  const shortToNano: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "short", when: { taskType: ["summarize"], contextTokens: { lte: 3000 } }, model: "gpt-5.4-nano" }] };

  it("projects each routed part from the cells it routes (not the task type's average), and says which were pooled", () => {
    const [row] = compute(world(), shortToNano, A);
    // Truth: 600 × 91% + 400 × 93.5% = 92.0%; the task type's nano average would have given 600 × 79.4% + 400 × 93.2% = 84.9%.
    expect(row.projected.successRate!).toBeCloseTo(0.92, 2);
    expect(row.parts).toHaveLength(2);
    const nanoPart = row.parts.find((p) => p.routes["gpt-5.4-nano"] === 1)!;
    expect(nanoPart.tasks).toBe(600);
    expect(nanoPart.evidence["gpt-5.4-nano"]).toMatchObject({ labeled: 600, pooled: false });
    expect(nanoPart.evidence["gpt-5.4-nano"].successRate!).toBeCloseTo(0.91, 2);
    // Its interval rests on the part's labels, so it is wider than the task type's as a whole would be.
    expect(row.projected.successRateHigh! - row.projected.successRateLow!).toBeGreaterThan(0.02);
  });

  it("pools a thin cell toward the task type, and flags it", () => {
    const thin = world();
    thin.cells[0] = cell("gpt-5.4-nano", 3, 9, 1);
    const [row] = compute(thin, shortToNano, A);
    expect(row.parts.find((p) => p.routes["gpt-5.4-nano"] === 1)!.evidence["gpt-5.4-nano"]).toMatchObject({ labeled: 10, pooled: true });
  });

  it("takes each routed part's latency from the cells it routes, scaling the model's histogram by their mean", () => {
    const timed = world();
    // nano: 400 ms on short documents, 1,000 ms on long ones (640 ms on the task type); mini: 500 and 1,500 (900).
    const latency = (model: string, bucket: number, calls: number, meanMs: number) => ({ ...timed.cells.find((c) => c.model === model && c.contextFrom === bucketRange(bucket)[0])!, calls, latencyMsSum: calls * meanMs });
    timed.cells = [latency("gpt-5.4-nano", 3, 600, 400), latency("gpt-5.4-nano", 6, 400, 1000), latency("gpt-5.4-mini", 3, 600, 500), latency("gpt-5.4-mini", 6, 400, 1500)];
    timed.evidence = [
      { ...timed.evidence[0], latencyHist: { [bucketOf(640)]: 1000 } },
      { ...timed.evidence[1], latencyHist: { [bucketOf(900)]: 1000 } },
    ];
    const [row] = compute(timed, shortToNano, A);
    // 600 short tasks on nano at ~400 ms and 400 long ones on mini at ~1,500 ms: the median is nano's 400 ms,
    // where the models' task-type histograms would have said 640 ms.
    expect(row.projected.latencyP50Ms! / 400).toBeCloseTo(1, 1);
    const longOnMini: Policy = { defaultModel: "gpt-5.4-nano", rules: [{ id: "long", when: { contextTokens: { gt: 3000 } }, model: "gpt-5.4-mini" }] };
    const swapped = compute({ ...timed, groups: timed.groups.map((g) => ({ ...g, tasks: g.contextTokens > 3000 ? 700 : 300 })) }, longOnMini, A)[0];
    expect(swapped.projected.latencyP50Ms! / 1500).toBeCloseTo(1, 1);
  });

  it("projects a policy that routes on task type alone exactly as without cells", () => {
    const allNano: Policy = { defaultModel: "gpt-5.4-nano" };
    const withCells = compute(world(), allNano, A);
    const without = compute({ ...world(), cells: [] }, allNano, A);
    expect(withCells).toEqual(without);
    expect(withCells[0].projected.successRate).toBeCloseTo(0.794, 6);
    expect(withCells[0].parts).toEqual([]);
  });
  it("routes on metadata: each part gets the model's success on the metadata values it routes", () => {
    // Nano extracts 95% right for free-tier documents and 70% for enterprise ones (same size and tools).
    const group = (tier: string, tasks: number) => ({ taskType: "extract", model: "gpt-5.4-mini", contextTokens: 1000, toolCount: 0, metadata: { tier }, tasks, inputTokens: tasks * 1000, outputTokens: tasks * 100 });
    const meta = (tier: string) => JSON.stringify([tier]);
    const tiered: SimData = {
      ...data(),
      groups: [group("free", 800), group("enterprise", 200)],
      evidence: [ev("gpt-5.4-nano", { success: 900, failure: 100 }), ev("gpt-5.4-mini", { success: 950, failure: 50 })],
      cells: [
        { taskType: "extract", model: "gpt-5.4-nano", contextFrom: bucketRange(2)[0], toolCount: 0, meta: meta("free"), calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 760, failure: 40 },
        { taskType: "extract", model: "gpt-5.4-nano", contextFrom: bucketRange(2)[0], toolCount: 0, meta: meta("enterprise"), calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 140, failure: 60 },
        { taskType: "extract", model: "gpt-5.4-mini", contextFrom: bucketRange(2)[0], toolCount: 0, meta: meta("free"), calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 760, failure: 40 },
        { taskType: "extract", model: "gpt-5.4-mini", contextFrom: bucketRange(2)[0], toolCount: 0, meta: meta("enterprise"), calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 190, failure: 10 },
      ],
      metadataKeys: ["tier"],
    };
    const freeToNano: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "free", when: { metadata: { tier: "free" } }, model: "gpt-5.4-nano" }] };
    expect(plan(freeToNano).metadataKeys).toEqual(["tier"]);
    const [row] = compute(tiered, freeToNano, A);
    const nanoPart = row.parts.find((p) => p.routes["gpt-5.4-nano"] === 1)!;
    expect(nanoPart.evidence["gpt-5.4-nano"]).toMatchObject({ labeled: 800, pooled: false });
    // 800 × 95% (nano, free) + 200 × 95% (mini, enterprise) = 95%; nano's average over both tiers would say 91%.
    expect(row.projected.successRate!).toBeCloseTo(0.95, 2);
  });
  it("scales output tokens by the models' ratio in the cells routed, where both have the calls", () => {
    // Nano writes as much as mini on short documents and 1.5x as much on long ones (task type as a whole: 1.4x).
    const c = (model: string, bucket: number, outputTokens: number) => ({ taskType: "summarize", model, contextFrom: bucketRange(bucket)[0], toolCount: 0, calls: 0, latencyMsSum: 0, answered: 1000, outputTokens, success: 0, failure: 0 });
    const sized: SimData = {
      ...world(),
      evidence: [
        { ...ev("gpt-5.4-nano"), taskType: "summarize", calls: 2000, outputTokens: 700_000 },
        { ...ev("gpt-5.4-mini"), taskType: "summarize", calls: 2000, outputTokens: 500_000 },
      ],
      cells: [c("gpt-5.4-nano", 3, 100_000), c("gpt-5.4-nano", 6, 600_000), c("gpt-5.4-mini", 3, 100_000), c("gpt-5.4-mini", 6, 400_000)],
      groups: [{ taskType: "summarize", model: "gpt-5.4-mini", contextTokens: 5000, toolCount: 0, tasks: 1000, inputTokens: 0, outputTokens: 400_000 }],
    };
    const longToNano: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "long", when: { contextTokens: { gt: 4000 } }, model: "gpt-5.4-nano" }] };
    const [row] = compute(sized, longToNano, A);
    // 400,000 × 1.5 output tokens at $0.40 per 1M = $0.24 (the task type's 1.4 would have said $0.224).
    expect(formatTotals(row.projected).costUsd).toBeCloseTo(0.24, 9);
    // Too few calls in the cell: the task type's ratio.
    sized.cells = sized.cells.map((x) => ({ ...x, answered: 10 }));
    expect(formatTotals(compute(sized, longToNano, A)[0].projected).costUsd).toBeCloseTo(0.224, 9);
  });
});

