// The demo's task types and models, grounded in the mini-vs-nano article (shared/seed): success rates per
// task type and model, TTFT ~420 / ~280 ms and ~38 / ~45 tokens/s for mini / nano, nano weaker on long
// summaries and on steps 2-3 of multi-tool runs.

export const MINI = "gpt-5.4-mini";
export const NANO = "gpt-5.4-nano";
export type Model = typeof MINI | typeof NANO;

export const SPEED: Record<Model, { ttftMedianMs: number; tokensPerSec: number }> = {
  [MINI]: { ttftMedianMs: 420, tokensPerSec: 38 },
  [NANO]: { ttftMedianMs: 280, tokensPerSec: 45 },
};

export type TaskType = "classify" | "route" | "extract" | "summarize" | "tool_agent";

/** Share of production tasks (tool_agent counts runs, each 3-6 calls). */
export const TASK_MIX: Record<TaskType, number> = { classify: 34, route: 22, extract: 20, summarize: 12, tool_agent: 12 };

/** How the demo team currently routes each task type: the share sent to nano. */
export const NANO_SHARE: Record<TaskType, number> = { classify: 0.5, route: 0.7, extract: 0.25, summarize: 0, tool_agent: 0.35 };

/** Share of calls that get a quality label (reviews, validators, trace outcomes). */
export const LABELED_SHARE: Record<TaskType, number> = { classify: 0.6, route: 0.5, extract: 1, summarize: 0.4, tool_agent: 1 };

/** Probability that a call succeeds, per task type and model; summaries depend on their length. */
export function successRate(task: Exclude<TaskType, "tool_agent">, model: Model, contextTokens: number): number {
  switch (task) {
    case "classify":
      return model === MINI ? 0.931 : 0.913;
    case "route":
      return model === MINI ? 0.95 : 0.94;
    case "extract":
      return model === MINI ? 0.942 : 0.897;
    case "summarize":
      if (model === MINI) return 0.9;
      return contextTokens > 3000 ? 0.7 : 0.87;
  }
}

/** Whole-run success of a tool_agent trajectory (the article: 91% mini, 78% nano on a 6-tool agent). */
export const TRAJECTORY_SUCCESS: Record<Model, number> = { [MINI]: 0.91, [NANO]: 0.78 };

/** Which step (0-based) a failing run fails on: nano mostly on the 2nd and 3rd tool call. */
export const FAILING_STEP_WEIGHTS: Record<Model, Record<string, number>> = {
  [MINI]: { "0": 0.25, "1": 0.25, "2": 0.25, "3": 0.25 },
  [NANO]: { "0": 0.08, "1": 0.42, "2": 0.4, "3": 0.1 },
};

/** Token sizes: median input, spread, median output. */
export const TOKENS: Record<TaskType, { input: number; sigma: number; output: number }> = {
  classify: { input: 600, sigma: 0.4, output: 12 },
  route: { input: 450, sigma: 0.35, output: 8 },
  extract: { input: 1200, sigma: 0.5, output: 240 },
  summarize: { input: 2600, sigma: 0.6, output: 320 },
  tool_agent: { input: 1500, sigma: 0.3, output: 110 },
};

export const TOOLS = ["search_orders", "get_customer", "refund_order", "update_address", "create_ticket", "send_email"];
