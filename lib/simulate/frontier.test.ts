import { expect, it } from "vitest";
import { suggest, type FrontierPoint } from "@/lib/simulate/frontier";

const point = (model: string, costPerTaskUsd: number, successRate: number, labeled = 500): FrontierPoint => ({ model, costPerTaskUsd, successRate, low: null, high: null, labeled });

it("suggests the cheapest model within the tolerance of the best-evidenced one, per task type", () => {
  const points = new Map([
    ["classify", [point("mini", 0.0004, 0.931), point("nano", 0.0001, 0.913)]], // 1.8 points apart
    ["tool_agent", [point("mini", 0.001, 0.91), point("nano", 0.00025, 0.78)]], // 13 points apart
    ["rare", [point("mini", 0.001, 0.9), point("nano", 0.0002, 0.99, 5)]], // nano's labels are too few to count
  ]);
  const { policy, reasons } = suggest(points, { defaultModel: "mini", escalation: { model: "mini", on: ["error"], maxAttempts: 2 } }, 0.02, 30);
  expect(policy).toEqual({
    defaultModel: "mini",
    escalation: { model: "mini", on: ["error"], maxAttempts: 2 },
    rules: [
      { id: "suggest-classify", when: { taskType: ["classify"] }, model: "nano" },
      { id: "suggest-rare", when: { taskType: ["rare"] }, model: "mini" },
      { id: "suggest-tool_agent", when: { taskType: ["tool_agent"] }, model: "mini" },
    ],
  });
  expect(reasons[0].why).toBe("nano is within 1.8 points of mini (91.3% vs 93.1%) at 25% of its cost per task.");
});

it("keeps the base policy's exploration in what it suggests", () => {
  const explore = { rate: 0.02, models: ["nano"] };
  const points = new Map([["classify", [{ model: "nano", labeled: 100, successRate: 0.95, costPerTaskUsd: 0.001 } as FrontierPoint]]]);
  expect(suggest(points, { defaultModel: "mini", explore }, 0.02, 30).policy.explore).toEqual(explore);
});
