// npm run bench:simulate: on the 10M-call dataset (dataset.ts), times POST /api/v1/simulate over 30 days
// for the article's router (thresholds on bucket edges: rollups only) and for a policy whose context
// threshold splits a bucket (that bucket's calls are read one by one). Target p95 <= 300 ms each.
import { log, openDataset, READ_KEY, time } from "./dataset";
import { ARTICLE_ROUTER } from "@/lib/simulate/presets";

const SPLITTING = {
  defaultModel: "gpt-5.4-mini",
  rules: [{ id: "mid-context", when: { contextTokens: { lte: 2500 }, taskType: ["extract", "summarize"] }, model: "gpt-5.4-nano" }],
};

async function main() {
  const { base, done } = await openDataset(3902);
  try {
    const to = Date.now();
    const body = (policy: unknown) => JSON.stringify({ from: to - 30 * 86_400_000, to, policy, assumptions: { reviewCostPerFailureUsd: 0.5, minSamples: 30 } });
    const post = (policy: unknown) => () => fetch(`${base}/api/v1/simulate`, { method: "POST", body: body(policy), headers: { authorization: `Bearer ${READ_KEY}`, "content-type": "application/json" } });
    await time("POST /api/v1/simulate, article router, 30 days", 300, post(ARTICLE_ROUTER));
    await time("POST /api/v1/simulate, threshold inside a bucket, 30 days", 300, post(SPLITTING));
  } finally {
    await done();
  }
  log("done");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
