// The Simulate page: a starting policy (published, a draft or a preset), assumptions from the query
// string, the projection, each model's frontier per task type and the Suggest draft.
import { z } from "zod";
import type { TeamId } from "@/lib/auth/team-id";
import type { Window } from "@/lib/analytics/range";
import { issuesOf } from "@/lib/http/errors";
import { getPolicySettings } from "@/lib/policies/data";
import { getReviewCost } from "@/lib/review/data";
import { loadStartingPoint } from "@/lib/policies/loaders";
import { simulateWithData } from "@/lib/simulate";
import { cascadeAdvice } from "@/lib/simulate/cascade";
import { frontier, suggest } from "@/lib/simulate/frontier";
import { DEFAULT_ASSUMPTIONS } from "@/lib/simulate/schema";

const paramsSchema = z.object({
  start: z.string().optional(),
  review: z.coerce.number().min(0, "must be 0 or more").max(10_000, "must be at most 10,000").optional(),
  minSamples: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(100_000).optional(),
});

export async function loadSimulatePage(teamId: TeamId, window: Window, params: Record<string, string | undefined>) {
  const parsed = paramsSchema.safeParse(Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")));
  const errors = parsed.success ? [] : issuesOf(parsed.error).map((i) => `${i.path === "review" ? "review cost per failure" : i.path}: ${i.message}`);
  const p = parsed.success ? parsed.data : {};
  const start = p.start ?? "current";
  const [point, settings, reviewCost] = await Promise.all([loadStartingPoint(teamId, start), getPolicySettings(teamId), getReviewCost(teamId)]);
  // A failure that needs a review costs what a review measurably costs (Review page), unless the query says otherwise.
  const measured = reviewCost.costPerReviewUsd === null ? null : Math.round(reviewCost.costPerReviewUsd * 100) / 100;
  const assumptions = { reviewCostPerFailureUsd: p.review ?? measured ?? DEFAULT_ASSUMPTIONS.reviewCostPerFailureUsd, minSamples: p.minSamples ?? DEFAULT_ASSUMPTIONS.minSamples };
  if ("error" in point && point.error) errors.push(point.error);
  const { policy, label, current, startingPoints } = point;
  const { result, data } = await simulateWithData(teamId, { from: window.from, to: window.to, policy, assumptions });
  const points = frontier(data, assumptions);
  return {
    start, label, policy, assumptions, errors, result, reviewCost,
    frontier: Object.fromEntries(points),
    // Shadow evaluations per task type: how many calls, and as a share of the task type's tasks.
    shadowCoverage: Object.fromEntries(result.byTaskType.map((r) => {
      const calls = data.evidence.filter((e) => e.taskType === r.taskType).reduce((n, e) => n + e.shadowCalls, 0);
      return [r.taskType, { calls, share: r.tasks > 0 ? calls / r.tasks : 0 }];
    })),
    // Per task type: above which success the cheapest model, escalating detected failures, beats the dearest.
    cascade: Object.fromEntries([...points].map(([taskType, pts]) => {
      const on = policy.escalation?.on ?? ["error", "malformed_output"];
      const detectedOf = (model: string) => {
        const e = data.evidence.find((x) => x.taskType === taskType && x.model === model);
        return e && e.failure > 0 ? Math.min(1, ((on.includes("error") ? e.errors : 0) + (on.includes("malformed_output") ? e.malformed : 0)) / e.failure) : 0;
      };
      return [taskType, cascadeAdvice(pts, detectedOf, assumptions.reviewCostPerFailureUsd, assumptions.minSamples)];
    })),
    suggestion: suggest(points, current.policy, settings.suggestTolerance, assumptions.minSamples),
    tolerance: settings.suggestTolerance,
    startingPoints,
  };
}
