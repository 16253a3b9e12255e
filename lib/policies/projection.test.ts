import { describe, expect, it } from "vitest";
import { CHECK_MIN_TASK_TYPE, compareVersion, projectionOf, type Realized } from "@/lib/policies/projection";
import type { SimulationResult } from "@/lib/simulate/format";

const totals = (tasks: number, costUsd: number, successRate: number, low: number, high: number) => ({
  tasks, costUsd, reviewCostUsd: 0, totalCostUsd: costUsd, successRate, successRateLow: low, successRateHigh: high, escalationRate: 0.1, latencyP50Ms: 800,
});

const result = {
  window: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z", days: 30 },
  projected: totals(1000, 2, 0.9, 0.88, 0.92),
  byTaskType: [{ taskType: "extract", modelMix: { "gpt-5.4-nano": 1 }, projected: totals(1000, 2, 0.9, 0.88, 0.92) }],
} as unknown as SimulationResult;

const realized = (over: Partial<Realized>): Realized => ({ taskType: "extract", tasks: 400, labeled: 400, success: 360, costNanos: 800e6, unpriced: 0, escalated: 40, latencyP50Ms: 750, ...over });

describe("projection check", () => {
  it("keeps per-task figures of the simulation", () => {
    const p = projectionOf(result);
    expect(p.byTaskType[0]).toMatchObject({ taskType: "extract", tasks: 1000, costPerTaskUsd: 0.002, successRate: 0.9, successRateLow: 0.88, successRateHigh: 0.92, latencyP50Ms: 800, escalationRate: 0.1 });
  });

  it("compares per task and flags success only when the intervals are apart", () => {
    const p = projectionOf(result);
    const [same] = compareVersion(p, [realized({})]);
    expect(same.realized).toMatchObject({ tasks: 400, costPerTaskUsd: 0.002, successRate: 0.9, escalationRate: 0.1, latencyP50Ms: 750 });
    expect(same.successOutside).toBe(false);
    // 80% of 400: its interval (~76-84%) is wholly below 88-92%.
    expect(compareVersion(p, [realized({ success: 320 })])[0].successOutside).toBe(true);
    // 86% of 400: below the projected interval, but its own interval reaches into it: sampling noise, no flag.
    expect(compareVersion(p, [realized({ success: 344 })])[0].successOutside).toBe(false);
    // Too few labels to judge, however far off.
    expect(compareVersion(p, [realized({ labeled: CHECK_MIN_TASK_TYPE - 1, success: 0 })])[0].successOutside).toBe(false);
  });

  it("shows no realized figures for a thin task type, and no cost when some calls were unpriced", () => {
    const p = projectionOf(result);
    expect(compareVersion(p, [realized({ tasks: CHECK_MIN_TASK_TYPE - 1 })])[0].realized).toBeNull();
    expect(compareVersion(p, [realized({ unpriced: 1 })])[0].realized?.costPerTaskUsd).toBeNull();
  });

  it("lists task types the version served that the projection did not know", () => {
    const rows = compareVersion(projectionOf(result), [realized({}), realized({ taskType: "new-task", tasks: 50 })]);
    expect(rows.map((r) => [r.taskType, r.projected === null])).toEqual([["extract", false], ["new-task", true]]);
  });
});
