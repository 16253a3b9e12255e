// The off-policy estimate on stored traffic: calls logged under a published 50/50 split and under
// exploration, weighed back to a candidate that sends everything one way; a model never logged is not covered.
import { describe, expect, it } from "vitest";
import { choose, type Policy } from "@switchyard/sdk";
import { POST } from "@/app/api/v1/simulate/route";
import { ingestEvents } from "@/lib/ingest/mutations";
import { publishPolicy } from "@/lib/policies/mutations";
import { simulate } from "@/lib/simulate";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const MINI = "gpt-5.4-mini", NANO = "gpt-5.4-nano";
const day = Date.UTC(2026, 10, 25);
const window = { from: new Date(day), to: new Date(day + 86_400_000) };
const assumptions = { reviewCostPerFailureUsd: 0, minSamples: 30 };

const splitPolicy: Policy = { defaultModel: MINI, rules: [{ id: "half", when: { taskType: ["classify"] }, split: [{ model: MINI, weight: 1 }, { model: NANO, weight: 1 }] }] };
const explorePolicy: Policy = { defaultModel: MINI, explore: { rate: 0.2, models: [NANO] } };
// Mini succeeds 9 times in 10, nano 6 in 10, by call number.
const succeeds = (model: string, i: number) => i % 10 < (model === MINI ? 9 : 6);

async function seed() {
  const { team, user } = await makeOwner();
  expect(await publishPolicy(team.id, { userId: user.id }, splitPolicy, "split classify")).toBe(1);
  expect(await publishPolicy(team.id, { userId: user.id }, explorePolicy, "explore")).toBe(2);
  // Routed as the SDK routes: the evaluator picks the model and logs its propensity.
  const routed = (taskType: string, policy: Policy, version: number) => Array.from({ length: 300 }, (_, i) => {
    const id = `${taskType}-${i}`;
    const choice = choose(policy, { taskType, contextTokens: 800, toolCount: 0, callId: id });
    return makeEvent({
      id, taskType, model: choice.model, timestamp: day + i * 60_000, inputTokens: 800, policyVersion: version, propensity: choice.propensity,
      ...(choice.ruleId ? { ruleId: choice.ruleId } : {}), ...(i % 50 === 49 ? {} : { outcome: succeeds(choice.model, i) ? "success" : "failure" }),
    });
  });
  const events = [...routed("classify", splitPolicy, 1), ...routed("extract", explorePolicy, 2)];
  // Neither a shadow call nor an unrouted call carries a propensity; neither may count.
  const others = [
    makeEvent({ id: "shadow-0", shadowOf: "classify-0", model: NANO, timestamp: day, outcome: "failure" }),
    makeEvent({ id: "manual-0", taskType: "classify", model: NANO, timestamp: day, outcome: "failure" }),
  ];
  await ingestEvents(team.id, [...events, ...others]);
  return { team, events };
}

/** The observed success of `model` among the labeled logged calls of a task type, counted from the events. */
function observed(events: Record<string, unknown>[], taskType: string, model: string) {
  const labeled = events.filter((e) => e.taskType === taskType && e.model === model && e.outcome);
  return { calls: labeled.length, rate: labeled.filter((e) => e.outcome === "success").length / labeled.length };
}

describe("off-policy estimate", () => {
  it("weighs a split's and an exploration's logged calls back to a policy that sends all one way", async () => {
    const { team, events } = await seed();
    for (const model of [MINI, NANO]) {
      const result = await simulate(team.id, { ...window, policy: { defaultModel: model }, assumptions });
      for (const taskType of ["classify", "extract"]) {
        const est = result.byTaskType.find((r) => r.taskType === taskType)!.offPolicy;
        const seen = observed(events, taskType, model);
        // The hash gave each arm (nano on extract: the 20% explored) enough calls for the check to mean something.
        expect(seen.calls).toBeGreaterThan(20);
        // Every call of the chosen arm has the same weight 1/p, so SNIPS is that arm's success and the ESS its count.
        expect(est.successRate).toBeCloseTo(seen.rate, 6);
        expect(est.ess).toBeCloseTo(seen.calls, 2);
        expect(est).toMatchObject({ calls: 294, coverage: 1, uncovered: [], reason: null });
      }
      expect(result.offPolicy.calls).toBe(588);
    }
  });

  it("reports a model the logging policies never chose as not covered", async () => {
    const { team } = await seed();
    const read = await makeKey(team.id, "read");
    const res = await POST(apiRequest("/api/v1/simulate", read.secret, { method: "POST", body: JSON.stringify({ from: window.from.toISOString(), to: window.to.toISOString(), policy: { defaultModel: "gpt-5.4-pro" } }) }));
    expect(res.status).toBe(200);
    const json = await res.json();
    expect(json.offPolicy).toMatchObject({ successRate: null, low: null, high: null, coverage: 0, calls: 588, uncovered: [{ model: "gpt-5.4-pro", share: 1 }] });
    expect(json.offPolicy.reason).toMatch(/never chose it/);
    const classify = json.byTaskType.find((r: { taskType: string }) => r.taskType === "classify");
    expect(classify.offPolicy.reason).toBe("The candidate sends 100.0% of classify to gpt-5.4-pro where the logging policy never chose it: no off-policy estimate there.");
    expect(json.path.notes.join(" ")).toMatch(/SNIPS\) of 588 labeled first attempts/);
  });
});
