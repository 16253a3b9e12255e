// npm run bench:simulate: on the 10M-call dataset (dataset.ts), times POST /api/v1/simulate over 30 days
// for the article's router (thresholds on bucket edges: rollups only) and for a policy whose context
// threshold splits a bucket (that bucket's calls are read one by one). Target p95 <= 300 ms each.
import { ARTICLE_ROUTER } from "@/lib/simulate/presets";
import { READ_KEY, runOnDataset, time } from "./dataset";

const SPLITTING = {
  defaultModel: "gpt-5.4-mini",
  rules: [{ id: "mid-context", when: { contextTokens: { lte: 2500 }, taskType: ["extract", "summarize"] }, model: "gpt-5.4-nano" }],
};

runOnDataset(3902, async ({ base }) => {
  const to = Date.now();
  const post = (policy: unknown) => () => fetch(`${base}/api/v1/simulate`, {
    method: "POST", headers: { authorization: `Bearer ${READ_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ from: to - 30 * 86_400_000, to, policy, assumptions: { reviewCostPerFailureUsd: 0.5, minSamples: 30 } }),
  });
  await time("POST /api/v1/simulate, article router, 30 days", 300, post(ARTICLE_ROUTER));
  await time("POST /api/v1/simulate, threshold inside a bucket, 30 days", 300, post(SPLITTING));
});
