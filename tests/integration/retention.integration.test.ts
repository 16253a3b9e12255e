// Retention (issue 16, contracts §13): PATCH /api/v1/settings sets how long raw calls and content are kept;
// the team's sweep removes older calls with their content, scores and reviews in batches, and content
// alone past its own days; rollups stay, so analytics still count those days, and a simulation that
// needs single calls answers at bucket level where they are gone and says so.
import { describe, expect, it } from "vitest";
import type { Policy } from "@switchyard/sdk";
import { PATCH } from "@/app/api/v1/settings/route";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { workUntilIdle } from "@/lib/jobs/worker";
import { retentionStep } from "@/lib/retention/sweep";
import { simulate } from "@/lib/simulate";
import { setContentCapture } from "@/lib/teams/mutations";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const DAY = 86_400_000;
const now = Date.now();
const ages = [10, 40, 100];

async function setup() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { seq: true } });
  await setContentCapture(teamId, null, true);
  await ingestEvents(teamId, ages.flatMap((age) => Array.from({ length: 30 }, (_, i) => makeEvent({
    id: `d${age}-${i}`, timestamp: now - age * DAY + i * 1000, taskType: "extract", model: i % 2 ? "gpt-5.4-nano" : "gpt-5.4-mini", inputTokens: 2000 + i,
    outcome: i % 5 ? "success" : "failure", input: `prompt ${i}`, output: `answer ${i}`, metadata: { tier: i % 3 ? "pro" : "free" },
  }))));
  // A score and a review on an old call, which go with it.
  await db().score.create({ data: { teamSeq: seq, callId: "d100-1", ts: new Date(now - 100 * DAY + 1000), evaluatorId: "ev", version: 1, verdict: 1 } });
  await db().review.create({ data: { teamSeq: seq, callId: "d100-2", verdict: 1, seconds: 12 } });
  await db().reviewItem.create({ data: { teamSeq: seq, callId: "d100-2", why: "sample" } });
  const admin = await makeKey(teamId, "admin");
  const patch = async (body: unknown) => {
    const res = await PATCH(apiRequest("/api/v1/settings", admin.secret, { method: "PATCH", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
    return { status: res.status, json: await res.json() };
  };
  return { teamId, seq, patch };
}

const ids = async (seq: number) => (await db().call.findMany({ where: { teamSeq: seq }, select: { id: true } })).map((c) => c.id.split("-")[0]);
const count = (list: string[]) => Object.fromEntries(ages.map((a) => [`d${a}`, list.filter((x) => x === `d${a}`).length]));

describe("retention", () => {
  it("refuses bad settings by field and changes nothing", async () => {
    const { patch } = await setup();
    for (const [body, path] of [
      [{ retentionDays: 0 }, "retentionDays"], [{ retentionDays: 1.5 }, "retentionDays"], [{ retentionDays: "90" }, "retentionDays"], [{ retentionDays: 2 ** 53 }, "retentionDays"],
      [{ contentRetentionDays: 3651 }, "contentRetentionDays"], [{ retentionDays: 30, contentRetentionDays: 31 }, "contentRetentionDays"], [{ retentionDays: 60, extra: 1 }, ""],
    ] as const) {
      const res = await patch(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (path) expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await patch({})).toMatchObject({ status: 200, json: { retentionDays: 90, contentRetentionDays: null, captureContent: true } });
    // Nothing to sweep was asked for: no job.
    expect(await db().job.count({ where: { kind: "retention.sweep" } })).toBe(0);
  });

  it("removes calls past retention with what hangs off them, and content past its own days, in batches; rollups stay", async () => {
    const { teamId, seq, patch } = await setup();
    const before = await getModelStats(teamId, new Date(now - 120 * DAY), new Date(now + DAY));
    expect(await patch({ retentionDays: 60, contentRetentionDays: 20 })).toMatchObject({ status: 200, json: { retentionDays: 60, contentRetentionDays: 20 } });
    const job = await db().job.findFirstOrThrow({ where: { teamId, kind: "retention.sweep", state: "queued" } });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now());

    // Batches of 7: 30 old calls take five steps, then content, then a rest until tomorrow.
    let steps = 0;
    let payload: Record<string, unknown> = {};
    for (;;) {
      const step = await retentionStep({ teamId, payload }, new Date(now), 7);
      payload = step.payload ?? payload;
      steps++;
      if (step.wait) {
        // Just after the next UTC midnight, when the day being cut holds minutes of calls to delete row by row.
        expect(step.wait.until.getTime()).toBe(Math.floor(now / DAY) * DAY + DAY + 10 * 60_000);
        break;
      }
    }
    // Four full batches of calls; the fifth step ends the calls and takes the first 7 contents, three more
    // take 7 each, and the ninth the last 2 before resting.
    expect(steps).toBe(9);
    expect(count(await ids(seq))).toEqual({ d10: 30, d40: 30, d100: 0 });
    const content = await db().callContent.findMany({ where: { teamSeq: seq }, select: { callId: true } });
    expect(count(content.map((c) => c.callId.split("-")[0]))).toEqual({ d10: 30, d40: 0, d100: 0 });
    expect(await db().score.count({ where: { teamSeq: seq } })).toBe(0);
    expect(await db().review.count({ where: { teamSeq: seq } })).toBe(0);
    expect(await db().reviewItem.count({ where: { teamSeq: seq } })).toBe(0);

    // The rollups keep the old days: analytics still count all 90 calls; latency percentiles come from the
    // rollups' histograms now that not every call of the window is there to read.
    const after = await getModelStats(teamId, new Date(now - 120 * DAY), new Date(now + DAY));
    expect(after.reduce((n, s) => n + s.calls, 0)).toBe(90);
    expect(before.every((s) => s.exact)).toBe(true);
    expect(after.map(({ exact, ...s }) => ({ ...s, exact: exact ?? null }))).toEqual(before.map((s) => ({ ...s, exact: null })));

    // The job the change brought forward does the same (nothing left to do), then waits a day.
    await workUntilIdle();
    expect(count(await ids(seq))).toEqual({ d10: 30, d40: 30, d100: 0 });
    const rested = await db().job.findFirstOrThrow({ where: { teamId, kind: "retention.sweep" } });
    expect(rested.runAt.getTime()).toBe(Math.floor(Date.now() / DAY) * DAY + DAY + 10 * 60_000);
  });

  it("projects a metadata rule at bucket level where single calls are gone, and says so", async () => {
    const { teamId, patch } = await setup();
    const policy: Policy = { defaultModel: "gpt-5.4-mini", rules: [{ id: "free-nano", when: { metadata: { tier: "free" } }, model: "gpt-5.4-nano" }] };
    const window = { from: new Date(Math.floor((now - 110 * DAY) / 3_600_000) * 3_600_000), to: new Date(Math.ceil(now / 3_600_000) * 3_600_000), policy, assumptions: { reviewCostPerFailureUsd: 1, minSamples: 30 } };
    await patch({ retentionDays: 3650 });
    const whole = await simulate(teamId, window);
    expect(whole.path.bucketLevelUntil).toBeNull();
    await patch({ retentionDays: 60 });
    await workUntilIdle();
    const result = await simulate(teamId, window);
    // Every task of the window is still projected: 30 of them from the rollups.
    expect(result.projected.tasks).toBe(90);
    expect(result.baseline.tasks).toBe(whole.baseline.tasks);
    expect(result.path.exact).toBe(false);
    expect(new Date(result.path.bucketLevelUntil!).getTime()).toBeGreaterThan(now - 61 * DAY);
    expect(result.path.notes.join(" ")).toMatch(/past the team's retention: those hours were projected at bucket level from the rollups \(metadata read as absent\)/);
  });
});
