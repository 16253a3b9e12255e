// Every published version keeps the projection it was published on, and GET /api/v1/policy/versions/{version}
// sets what the version then did beside it, once it has served enough tasks.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/policy/versions/[version]/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { CHECK_MIN_TASKS } from "@/lib/policies/projection";
import { publishPolicy, rollbackPolicy } from "@/lib/policies/mutations";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const NANO = "gpt-5.4-nano", MINI = "gpt-5.4-mini";

async function teamWithEvidence() {
  const { team, user } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const now = Date.now();
  // Before any publish: nano succeeds on 32 of 40 classify calls, mini on 38 of 40.
  await ingestEvents(teamId, [MINI, NANO].flatMap((model, m) => Array.from({ length: 40 }, (_, i) => makeEvent({
    id: `${model}-${i}`, model, timestamp: now - (i + 1) * 60_000, outcome: i < (m === 0 ? 38 : 32) ? "success" : "failure",
  }))));
  const read = await makeKey(team.id, "read");
  const get = async (version: string, key = read.secret) => {
    const res = await GET(apiRequest(`/api/v1/policy/versions/${version}`, key), { params: Promise.resolve({ version }) });
    return { status: res.status, json: await res.json() };
  };
  return { team, teamId, user, get };
}

/** `n` classify tasks routed by `version`, `successes` of them labeled success (the rest failure). */
function served(version: number, n: number, successes: number, start: number, prefix: string) {
  return Array.from({ length: n }, (_, i) => makeEvent({
    id: `${prefix}-${i}`, model: NANO, timestamp: start + i, policyVersion: version, latencyMs: 500 + (i % 5) * 100,
    outcome: i < successes ? "success" : "failure",
  }));
}

describe("policy versions checked against what they did", () => {
  it("stores the projection at publish and at rollback", async () => {
    const { teamId, user } = await teamWithEvidence();
    await publishPolicy(teamId, { userId: user.id }, { defaultModel: NANO }, "cheaper");
    await rollbackPolicy(teamId, { userId: user.id }, 1);
    const rows = await db().policyVersion.findMany({ where: { teamId }, orderBy: { version: "asc" } });
    for (const row of rows) {
      const projection = row.projection as { window: { days: number }; byTaskType: { taskType: string; successRate: number; costPerTaskUsd: number; modelMix: Record<string, number> }[] };
      expect(projection.window.days).toBe(30);
      // 40 + 40 classify tasks all sent to nano: nano's 80% and its price for 800 input and 200 output tokens.
      expect(projection.byTaskType).toEqual([expect.objectContaining({ taskType: "classify", successRate: 0.8, costPerTaskUsd: 0.00016, modelMix: { [NANO]: 1 } })]);
    }
  });

  it("waits for enough tasks, then compares per task type and flags success outside the interval", async () => {
    const { teamId, user, get } = await teamWithEvidence();
    await publishPolicy(teamId, { userId: user.id }, { defaultModel: NANO }, "cheaper");
    const start = Date.now();
    await ingestEvents(teamId, served(1, 100, 50, start, "early"));

    const early = await get("1");
    expect(early.status).toBe(200);
    expect(early.json).toMatchObject({ version: 1, inForce: true, message: "cheaper", policy: { defaultModel: NANO }, realized: { tasks: 100, ready: false, minTasks: CHECK_MIN_TASKS }, comparison: [] });
    expect(early.json.projection.byTaskType[0]).toMatchObject({ taskType: "classify", successRate: 0.8 });

    // 200 more classify tasks (150 of 300 succeed in all), one rescued by an escalation to mini, and 10 extract tasks.
    const rescued = makeEvent({ id: "rescue", model: MINI, timestamp: start + 500, policyVersion: 1, attempt: 2, parentId: "late-199", escalatedFrom: NANO, outcome: "success" });
    await ingestEvents(teamId, [...served(1, 200, 100, start + 200, "late"), rescued,
      ...Array.from({ length: 10 }, (_, i) => makeEvent({ id: `x-${i}`, taskType: "extract", model: NANO, timestamp: start + 600 + i, policyVersion: 1 }))]);
    // Calls of another version (or none) are not this version's.
    await ingestEvents(teamId, [makeEvent({ id: "other", model: NANO, timestamp: start + 700, policyVersion: 2, outcome: "success" }), makeEvent({ id: "unrouted", model: NANO, timestamp: start + 701, outcome: "success" })]);

    const { status, json } = await get("1");
    expect(status).toBe(200);
    expect(json.realized).toMatchObject({ tasks: 310, calls: 311, ready: true, sampled: false });
    const classify = json.comparison.find((r: { taskType: string }) => r.taskType === "classify");
    // 150 of 300 first attempts succeeded, plus "late-199" rescued: 151 of 300 tasks.
    expect(classify.labeled).toBe(300);
    expect(classify.realized.successRate).toBeCloseTo(151 / 300, 6);
    expect(classify.realized.escalationRate).toBeCloseTo(1 / 300, 6);
    // 300 nano calls at $0.00016 and one mini call at $0.00064, over 300 tasks.
    expect(classify.realized.costPerTaskUsd).toBeCloseTo((300 * 0.00016 + 0.00064) / 300, 9);
    expect(classify.projected).toMatchObject({ successRate: 0.8, costPerTaskUsd: 0.00016 });
    expect(classify.successOutside).toBe(true);
    // Ten extract tasks: too few to compare, and the projection never saw extract.
    expect(json.comparison.find((r: { taskType: string }) => r.taskType === "extract")).toMatchObject({ projected: null, realized: null });
  });

  it("answers 400 naming the path's version, 404 for a version the team does not have, 403 for an ingest key", async () => {
    const { team, get } = await teamWithEvidence();
    for (const bad of ["0", "abc", "1.5", "99999999999", "-1"]) {
      const res = await get(bad);
      expect(res.status).toBe(400);
      expect(res.json.error.issues[0].path).toBe("version");
    }
    expect((await get("7")).status).toBe(404);
    const ingest = await makeKey(team.id, "ingest");
    expect((await get("1", ingest.secret)).status).toBe(403);
  });
});
