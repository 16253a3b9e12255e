import { describe, expect, it } from "vitest";
import { combine, compareModels, costPerSuccessNanos, histogramShares, toTaskTypeRow, wilson, type ModelStats } from "@/lib/analytics/stats";

function stats(over: Partial<ModelStats>): ModelStats {
  return { ...combine([], { taskType: "classify", model: "m", shadow: false }), ...over };
}

describe("analytics arithmetic", () => {
  it("gives the 95% Wilson interval", () => {
    const { low, high } = wilson(90, 100)!;
    expect(low).toBeCloseTo(0.8256, 3);
    expect(high).toBeCloseTo(0.9448, 3);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(10, 10)!.high).toBeCloseTo(1, 12);
  });

  it("spreads spend over the tasks that succeeded", () => {
    // 1,000 tasks, $1.00 spent, 80% success: $0.00125 per successful task.
    expect(costPerSuccessNanos(stats({ tasks: 1000, costNanos: 1_000_000_000n, success: 80, failure: 20 }))).toBe(1_250_000);
    expect(costPerSuccessNanos(stats({ tasks: 1000, costNanos: 1n }))).toBeNull();
  });

  it("builds the §6 row with nulls where nothing was measured", () => {
    const row = toTaskTypeRow(stats({ calls: 10, tasks: 8, costNanos: 4_000_000n, errors: 1, escalations: 2 }));
    expect(row).toMatchObject({ calls: 10, tasks: 8, costUsd: 0.004, costPerTaskUsd: 0.0005, successRate: null, errorRate: 0.1, escalationRate: 0.25, latencyP50Ms: null, outputTokensPerSec: null });
  });

  it("compares models only where the labels support it", () => {
    const mini = stats({ model: "gpt-5.4-mini", tasks: 1000, costNanos: 400_000_000n, success: 931, failure: 69 });
    const nano = stats({ model: "gpt-5.4-nano", tasks: 1000, costNanos: 100_000_000n, success: 913, failure: 87 });
    expect(compareModels("classify", [mini, nano])).toBe(
      "On classify gpt-5.4-nano is within 1.8 points of gpt-5.4-mini at a quarter of the cost per task, n = 1,000 and 1,000 labels.",
    );
    const weak = stats({ ...nano, success: 780, failure: 220 });
    expect(compareModels("tool_agent", [mini, weak])).toMatch(/^On tool_agent gpt-5.4-mini succeeds 15.1 points more often than gpt-5.4-nano \(the 95% intervals do not overlap/);
    // Label counts follow the order the models are named in.
    expect(compareModels("extract", [mini, stats({ ...nano, success: 390, failure: 110 })])).toMatch(/gpt-5.4-mini succeeds .* than gpt-5.4-nano \(.*n = 1,000 and 500 labels\)/);
    expect(compareModels("classify", [mini, stats({ ...nano, success: 20, failure: 5 })])).toBeNull();
  });

  it("splits a histogram into display ranges", () => {
    expect(histogramShares({ "0": 1, "200": 3 }, [0, 100, 1000])).toEqual([0.25, 0, 0.75]);
  });
});
