// Guarded publishes (contracts §10): PUT /api/v1/policy with a guard; the team's once-a-minute job rolls the
// version back when a task type it changed falls below the guard on enough evidence, and not otherwise,
// once, and announces the rollback on the team's alert webhooks.
import { describe, expect, it } from "vitest";
import { PUT } from "@/app/api/v1/policy/route";
import { GET as versionGet } from "@/app/api/v1/policy/versions/[version]/route";
import { checkedTeamId, type TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { workUntilIdle } from "@/lib/jobs/worker";
import { listPolicyVersions } from "@/lib/policies/data";
import { checkGuard } from "@/lib/policies/guard";
import { createAlert } from "@/lib/alerts/mutations";
import { alertBodySchema } from "@/lib/alerts/schema";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";
import { expectedSignature, startWebhookReceiver } from "@/tests/support/webhook-receiver";

const SECRET = "guard-webhook-secret-0123";
const NANO_EXTRACT = { defaultModel: "gpt-5.4-mini", rules: [{ id: "extract-nano", when: { taskType: ["extract"] }, model: "gpt-5.4-nano" }] };

async function setup() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const admin = await makeKey(team.id, "admin");
  // Yesterday's evidence: extract on both models, classify on mini.
  const day = Date.now() - 86_400_000;
  await ingestEvents(teamId, [
    ...Array.from({ length: 100 }, (_, i) => makeEvent({ taskType: "extract", timestamp: day + i * 1000, outcome: i < 94 ? "success" : "failure" })),
    ...Array.from({ length: 100 }, (_, i) => makeEvent({ taskType: "extract", model: "gpt-5.4-nano", timestamp: day + i * 1000, outcome: i < 90 ? "success" : "failure" })),
  ]);
  const put = (body: unknown) => PUT(apiRequest("/api/v1/policy", admin.secret, { method: "PUT", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
  expect((await put({ policy: { defaultModel: "gpt-5.4-mini" }, message: "mini" })).status).toBe(200);
  return { teamId, put };
}

/** Calls the guarded version routed since its publish: extract on nano with `success` of `n` labeled, and classify all failing (unchanged by it). */
async function routed(teamId: TeamId, version: number, n: number, success: number) {
  const now = Date.now();
  await ingestEvents(teamId, [
    ...Array.from({ length: n }, (_, i) => makeEvent({ taskType: "extract", model: "gpt-5.4-nano", timestamp: now - 1 - (i % 10), policyVersion: version, ruleId: "extract-nano", outcome: i < success ? "success" : "failure" })),
    ...Array.from({ length: 50 }, (_, i) => makeEvent({ taskType: "classify", timestamp: now - 1 - (i % 10), policyVersion: version, outcome: "failure" })),
  ]);
}

describe("a guarded publish", () => {
  it("names a guard that sets nothing, and keeps the guard it was given", async () => {
    const { teamId, put } = await setup();
    const bad = await put({ policy: NANO_EXTRACT, guard: {} });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe("guard");
    expect((await put({ policy: NANO_EXTRACT, guard: { minSuccess: 1.5 } })).status).toBe(400);
    const ok = await put({ policy: NANO_EXTRACT, guard: { minSuccess: 0.9, belowProjection: true } });
    expect(await ok.json()).toEqual({ version: 2 });
    expect((await db().policyVersion.findUniqueOrThrow({ where: { teamId_version: { teamId, version: 2 } } })).guard).toEqual({ minSuccess: 0.9, belowProjection: true });
    expect(await db().job.count({ where: { teamId, kind: "alerts.evaluate", state: { in: ["queued", "running"] } } })).toBe(1);
    const read = await makeKey(teamId, "read");
    const shown = await versionGet(apiRequest("/api/v1/policy/versions/2", read.secret), { params: Promise.resolve({ version: "2" }) });
    expect((await shown.json()).guard).toEqual({ minSuccess: 0.9, belowProjection: true });
  });

  it("rolls back once a task type it changed falls below the floor on enough evidence, through the team's job", async () => {
    const { teamId, put } = await setup();
    await put({ policy: NANO_EXTRACT, message: "extract to nano", guard: { minSuccess: 0.9 } });
    await new Promise((r) => setTimeout(r, 20));
    // A blip: 20 labeled, all failures. Classify (not changed by the version) fails throughout.
    await routed(teamId, 2, 20, 0);
    expect(await checkGuard(teamId)).toBeNull();
    // 300 labeled at 80%: the 99% interval lies below 90%.
    await routed(teamId, 2, 300, 240);
    await workUntilIdle();
    const versions = await db().policyVersion.findMany({ where: { teamId }, orderBy: { version: "asc" } });
    expect(versions).toHaveLength(3);
    expect(versions[2]).toMatchObject({ publishedBy: "system:guard", guard: null, policy: versions[0].policy });
    expect(versions[2].message).toMatch(/^Guard: version 2 rolled back: extract succeeded 7\d\.\d% of 320 labeled tasks \(99% interval .*\), below 90\.0%/);
    const history = await listPolicyVersions(teamId);
    expect(history[0]).toMatchObject({ version: 3, by: "Switchyard (guard)" });
    // The rollback carries no guard: nothing more to roll back.
    expect(await checkGuard(teamId)).toBeNull();
    expect(await db().auditEntry.count({ where: { teamId, action: "policy.rollback" } })).toBe(1);
  });

  it("rolls back once however many evaluators trip it at once, and tells each distinct alert channel once, signed", async () => {
    const { teamId, put } = await setup();
    const receiver = await startWebhookReceiver();
    try {
      const hook = (format: "json" | "slack", secret = SECRET) => ({ type: "webhook" as const, url: receiver.url, secret, format });
      const alert = (name: string, channels: ReturnType<typeof hook>[], muted = false) =>
        createAlert(teamId, {}, alertBodySchema.parse({ name, kind: "unpriced", channels, muted }));
      await alert("Unpriced", [hook("json")]);
      // The same URL and format again (another secret) is not told twice; a muted alert's channel is not told.
      await alert("Unpriced, to Slack", [hook("json", `${SECRET}-other`), hook("slack")]);
      await alert("Muted", [{ ...hook("json"), url: `${receiver.url}/muted` }], true);
      await put({ policy: NANO_EXTRACT, message: "extract to nano", guard: { minSuccess: 0.9 } });
      await new Promise((r) => setTimeout(r, 20));
      await routed(teamId, 2, 320, 256);

      const trips = await Promise.all([checkGuard(teamId), checkGuard(teamId), checkGuard(teamId)]);
      expect(trips.filter(Boolean)).toHaveLength(1);
      expect(await db().policyVersion.count({ where: { teamId } })).toBe(3);
      expect(await db().job.count({ where: { teamId, kind: "alerts.deliver" } })).toBe(2);
      await workUntilIdle();
      expect(receiver.received.map((r) => r.signature)).toEqual(receiver.received.map((r) => expectedSignature(r.body, SECRET)));
      const bodies = receiver.received.map((r) => JSON.parse(r.body));
      expect(bodies).toHaveLength(2);
      const json = bodies.find((b) => !("text" in b));
      expect(json).toMatchObject({
        alert: { id: "guard:2", kind: "guard" }, state: "firing", policyVersion: 2, rollback: { to: 1, newVersion: 3 },
        evidence: { n: 320, value: 0.8, baseline: 0.9 },
      });
      expect(json.evidence.high).toBeLessThan(0.9);
      expect(bodies.find((b) => "text" in b).text).toContain("Guard: version 2 rolled back: extract succeeded 80.0% of 320");
    } finally {
      await receiver.close();
    }
  });

  it("stays put while the changed task type holds up", async () => {
    const { teamId, put } = await setup();
    await put({ policy: NANO_EXTRACT, guard: { minSuccess: 0.9 } });
    await new Promise((r) => setTimeout(r, 20));
    await routed(teamId, 2, 400, 372); // 93%
    expect(await checkGuard(teamId)).toBeNull();
    expect(await db().policyVersion.count({ where: { teamId } })).toBe(2);
  });
});
