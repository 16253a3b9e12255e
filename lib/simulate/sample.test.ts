import { describe, expect, it } from "vitest";
import type { Group } from "@/lib/simulate/compute";
import type { SizeGroup } from "@/lib/simulate/data";
import { scaleToCells } from "@/lib/simulate/sample";

const evidence = (calls: number) => ({ calls, latencyMsSum: calls * 100, answered: calls, outputTokens: calls * 10, success: calls - 1, failure: 1 });
const cell = (taskType: string, contextTokens: number, tasks: number): Group => ({ taskType, model: "m", contextTokens, toolCount: 0, tasks, inputTokens: tasks * 1000, outputTokens: tasks * 10 });
const sampled = (taskType: string, contextTokens: number, tier: string, tasks: number, input = tasks * 1000): SizeGroup =>
  ({ taskType, model: "m", contextTokens, toolCount: 0, metadata: { tier }, tasks, inputTokens: input, outputTokens: tasks * 10, evidence: evidence(tasks) });

describe("scaleToCells", () => {
  it("divides each cell's exact totals by the sample's shares and keeps the sampled evidence", () => {
    // 260 and 300 tokens share the 251-500 bucket: one cell, split by segment and tier in the sample.
    const { sizes, unsampledTasks } = scaleToCells([sampled("a", 260, "free", 3, 1500), sampled("a", 300, "pro", 1, 500)], [cell("a", 251, 100)]);
    expect(unsampledTasks).toBe(0);
    expect(sizes.map((s) => [s.contextTokens, s.metadata?.tier, s.tasks, s.inputTokens])).toEqual([[260, "free", 75, 75_000], [300, "pro", 25, 25_000]]);
    expect(sizes[0].evidence).toEqual(evidence(3));
  });

  it("keeps a cell the sample missed whole, without metadata, and drops tasks of cells the rollups lack", () => {
    const late = sampled("b", 10, "free", 2);
    const { sizes, unsampledTasks } = scaleToCells([sampled("a", 10, "pro", 4), late], [cell("a", 0, 40), cell("c", 0, 7)]);
    expect(unsampledTasks).toBe(7);
    expect(sizes.find((s) => s.taskType === "c")).toMatchObject({ tasks: 7, inputTokens: 7000, evidence: { calls: 0 } });
    expect(sizes.find((s) => s.taskType === "c")!.metadata).toBeUndefined();
    expect(sizes.find((s) => s.taskType === "b")).toMatchObject({ tasks: 0, inputTokens: 0, evidence: late.evidence });
    expect(sizes.reduce((n, s) => n + s.tasks, 0)).toBe(47);
  });

  it("passes evidence-only groups (shadow calls, retries) through unchanged", () => {
    const shadow = { ...sampled("a", 10, "pro", 0), evidence: evidence(5) };
    expect(scaleToCells([shadow], []).sizes).toEqual([shadow]);
  });
});
