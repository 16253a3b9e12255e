import { describe, expect, it } from "vitest";
import { judge, MIN_SAMPLE, type Inputs, type Tally } from "@/lib/alerts/judge";
import { seeded } from "@/lib/demo/distributions";

const empty: Tally = { calls: 0, errors: 0, success: 0, failure: 0, unpriced: 0, latencies: [] };
const inputs = (recent: Partial<Tally>, baseline: Partial<Tally> = {}, spentTodayUsd = 0): Inputs =>
  ({ recent: { ...empty, ...recent }, baseline: { ...empty, ...baseline }, spentTodayUsd, from: new Date(0), to: new Date(3_600_000) });
const labeled = (success: number, failure: number) => ({ calls: success + failure, success, failure });

describe("judge", () => {
  it("fires on success clearly below the floor, not on a small-sample blip or a rate at the floor", () => {
    expect(judge("success_rate", { min: 0.9 }, inputs(labeled(160, 40))).breached).toBe(true); // 80% of 200
    expect(judge("success_rate", { min: 0.9 }, inputs(labeled(0, MIN_SAMPLE - 1))).breached).toBe(false); // every one failed, but 29
    expect(judge("success_rate", { min: 0.9 }, inputs(labeled(178, 22))).breached).toBe(false); // 89% of 200: within noise
    const v = judge("success_rate", { min: 0.9 }, inputs(labeled(160, 40)));
    expect(v.evidence).toMatchObject({ n: 200, value: 0.8 });
    expect(v.evidence.high!).toBeLessThan(0.9);
    expect(judge("success_rate", { min: 0.9 }, inputs(labeled(185, 15))).recovered).toBe(true);
  });

  it("measures a drop against the baseline before the window", () => {
    const baseline = labeled(940, 60); // 94%
    expect(judge("success_rate", { dropPoints: 3 }, inputs(labeled(425, 75), baseline)).breached).toBe(true); // 85%: 9 points down
    expect(judge("success_rate", { dropPoints: 3 }, inputs(labeled(440, 60), baseline)).breached).toBe(false); // 88%: 6 down, but 500 labels cannot rule out 91%
    expect(judge("success_rate", { dropPoints: 3 }, inputs(labeled(460, 40), baseline)).breached).toBe(false); // 92%
    expect(judge("success_rate", { dropPoints: 3 }, inputs(labeled(400, 100), labeled(5, 0))).breached).toBe(false); // no baseline to drop from
  });

  it("keeps its false alarms at the threshold under 1% of evaluations", () => {
    const random = seeded(11);
    let fired = 0;
    for (let i = 0; i < 4000; i++) {
      let success = 0;
      for (let j = 0; j < 300; j++) if (random() < 0.9) success++;
      if (judge("success_rate", { min: 0.9 }, inputs(labeled(success, 300 - success))).breached) fired++;
    }
    expect(fired / 4000).toBeLessThan(0.01);
  });

  it("fires on errors, latency, spend, silence and unpriced calls as described", () => {
    expect(judge("error_rate", { max: 0.05 }, inputs({ calls: 400, errors: 60 })).breached).toBe(true);
    expect(judge("error_rate", { max: 0.05 }, inputs({ calls: 400, errors: 24 })).breached).toBe(false);
    const slow = Array.from({ length: 200 }, (_, i) => (i < 180 ? 500 : 5000));
    expect(judge("latency_p95", { maxMs: 2000 }, inputs({ calls: 200, latencies: slow })).breached).toBe(true);
    const fast = Array.from({ length: 200 }, (_, i) => (i < 195 ? 500 : 5000));
    expect(judge("latency_p95", { maxMs: 2000 }, inputs({ calls: 200, latencies: fast })).breached).toBe(false);
    expect(judge("latency_p95", { maxMs: 2000 }, inputs({ calls: 10, latencies: Array(10).fill(9000) })).breached).toBe(false);
    expect(judge("spend_daily", { maxUsd: 50 }, inputs({}, {}, 50.01)).breached).toBe(true);
    expect(judge("spend_daily", { maxUsd: 50 }, inputs({}, {}, 49)).recovered).toBe(true);
    // A month's spend at its pace so far: $40 in 10 of 30 days is $120.
    const month = (spentUsd: number, elapsedDays: number) => ({ ...inputs({}), month: { spentUsd, elapsedDays, days: 30 } });
    expect(judge("spend_month", { maxUsd: 100 }, month(40, 10))).toMatchObject({ breached: true, evidence: { value: 120, low: 40 } });
    expect(judge("spend_month", { maxUsd: 100 }, month(30, 10)).recovered).toBe(true);
    // Hours into the month the pace is not judged; spend already past the budget is.
    expect(judge("spend_month", { maxUsd: 100 }, month(10, 0.25)).breached).toBe(false);
    expect(judge("spend_month", { maxUsd: 100 }, month(101, 0.25)).breached).toBe(true);
    expect(judge("silence", {}, inputs({ calls: 0 }, { calls: 300 })).breached).toBe(true);
    expect(judge("silence", {}, inputs({ calls: 0 }, { calls: 0 })).breached).toBe(false);
    expect(judge("silence", {}, inputs({ calls: 3 }, { calls: 300 })).recovered).toBe(true);
    expect(judge("unpriced", {}, inputs({ calls: 10, unpriced: 1 })).breached).toBe(true);
  });
});
