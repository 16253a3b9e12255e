// Alerts (contracts §14) on stored traffic: the API checks its bodies and hides secrets; each kind fires
// on traffic that crosses it and not on traffic that does not (a small-sample blip included); an alert is
// evaluated once a minute however many evaluators run; a firing and its resolution reach a local webhook
// receiver once each, signed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/v1/alerts/route";
import { PATCH } from "@/app/api/v1/alerts/[alertId]/route";
import { GET as firings } from "@/app/api/v1/alerts/firings/route";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { checkedTeamId, type TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { workUntilIdle } from "@/lib/jobs/worker";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";
import { expectedSignature, startWebhookReceiver } from "@/tests/support/webhook-receiver";

const SECRET = "webhook-secret-0123456789";
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

async function team() {
  const { team } = await makeOwner();
  return { teamId: checkedTeamId(team.id), admin: await makeKey(team.id, "admin"), read: await makeKey(team.id, "read") };
}

const post = (key: string, body: unknown) => create(apiRequest("/api/v1/alerts", key, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));

/** `n` production calls in the minutes before `now`, every one built by `make(i)`. */
async function traffic(teamId: TeamId, now: number, n: number, make: (i: number) => Record<string, unknown>) {
  const events = Array.from({ length: n }, (_, i) => makeEvent({ timestamp: now - 60_000 - (i % 50) * 60_000, ...make(i) }));
  for (let i = 0; i < events.length; i += 1000) await ingestEvents(teamId, events.slice(i, i + 1000));
}

describe("the alerts API", () => {
  it("creates, lists without secrets, changes and names every bad field", async () => {
    const { admin, read } = await team();
    const bad = async (body: unknown) => { const res = await post(admin.secret, body); return { status: res.status, json: await res.json() }; };
    const base = { name: "Extract success", kind: "success_rate", threshold: { min: 0.9 }, scope: { taskType: "extract" } };
    expect((await bad({ ...base, threshold: {} })).json.error.issues[0]).toMatchObject({ path: "threshold.min" });
    expect((await bad({ ...base, threshold: { maxMs: 10 } })).json.error.issues.map((i: { path: string }) => i.path)).toEqual(["threshold.min", "threshold.maxMs"]);
    expect((await bad({ ...base, kind: "vibes" })).json.error.issues[0].path).toBe("kind");
    expect((await bad({ ...base, channels: [{ type: "webhook", url: "ftp://x", secret: SECRET }] })).json.error.issues[0].path).toBe("channels.0.url");
    expect((await bad({ ...base, channels: [{ type: "webhook", url: receiver.url, secret: "short" }] })).json.error.issues[0].path).toBe("channels.0.secret");
    expect((await bad({ ...base, windowMinutes: 2 ** 53 })).status).toBe(400);
    expect((await post(read.secret, base)).status).toBe(403);

    const res = await post(admin.secret, { ...base, channels: [{ type: "webhook", url: receiver.url, secret: SECRET, format: "slack" }] });
    expect(res.status).toBe(200);
    const { id } = await res.json();
    const listed = await (await list(apiRequest("/api/v1/alerts", read.secret))).json();
    expect(listed.alerts).toHaveLength(1);
    expect(listed.alerts[0]).toMatchObject({ id, kind: "success_rate", windowMinutes: 60, muted: false, firing: false, channels: [{ type: "webhook", url: receiver.url, format: "slack" }] });
    expect(JSON.stringify(listed)).not.toContain(SECRET);
    expect(JSON.stringify(await db().alert.findUniqueOrThrow({ where: { id } }))).not.toContain(SECRET);

    const patch = (body: unknown) => PATCH(apiRequest(`/api/v1/alerts/${id}`, admin.secret, { method: "PATCH", body: JSON.stringify(body), headers: { "content-type": "application/json" } }), { params: Promise.resolve({ alertId: id }) });
    expect((await patch({ muted: true })).status).toBe(200);
    expect((await patch({ threshold: { maxUsd: 3 } })).status).toBe(400);
    expect((await db().alert.findUniqueOrThrow({ where: { id } })).muted).toBe(true);
    expect((await PATCH(apiRequest("/api/v1/alerts/nope", admin.secret, { method: "PATCH", body: "{}", headers: { "content-type": "application/json" } }), { params: Promise.resolve({ alertId: "nope" }) })).status).toBe(404);
  });
});

describe("evaluating alerts", () => {
  it("fires each kind on traffic that crosses it, stays silent on traffic that does not, and resolves", async () => {
    const { teamId, admin } = await team();
    const now = Date.now();
    // extract: 200 calls, 80% success, errors 10%, p95 latency 5 s, a tenth unpriced. classify: 200 calls, 95%, fast.
    await traffic(teamId, now, 200, (i) => ({ taskType: "extract", outcome: i % 5 === 0 ? "failure" : "success", status: i % 10 === 0 ? "error" : "ok",
      latencyMs: i % 10 === 1 ? 5000 : 800, ttftMs: 100, ...(i % 10 === 2 ? { model: "mystery-model" } : {}) }));
    await traffic(teamId, now, 200, (i) => ({ taskType: "classify", outcome: i % 20 === 0 ? "failure" : "success", latencyMs: 400, ttftMs: 100 }));
    // A blip: three failures of three on route.
    await traffic(teamId, now, 3, () => ({ taskType: "route", outcome: "failure" }));
    // Summaries stopped an hour and a half ago.
    await traffic(teamId, now - 90 * 60_000, 100, () => ({ taskType: "summarize" }));
    const alerts = {
      extractSuccess: { kind: "success_rate", scope: { taskType: "extract" }, threshold: { min: 0.9 } },
      classifySuccess: { kind: "success_rate", scope: { taskType: "classify" }, threshold: { min: 0.9 } },
      routeBlip: { kind: "success_rate", scope: { taskType: "route" }, threshold: { min: 0.9 } },
      extractErrors: { kind: "error_rate", scope: { taskType: "extract" }, threshold: { max: 0.02 } },
      classifyErrors: { kind: "error_rate", scope: { taskType: "classify" }, threshold: { max: 0.02 } },
      extractLatency: { kind: "latency_p95", scope: { taskType: "extract" }, threshold: { maxMs: 2000 } },
      classifyLatency: { kind: "latency_p95", scope: { taskType: "classify" }, threshold: { maxMs: 2000 } },
      spend: { kind: "spend_daily", threshold: { maxUsd: 0.01 } },
      spendHigh: { kind: "spend_daily", threshold: { maxUsd: 1000 } },
      spendMonth: { kind: "spend_month", threshold: { maxUsd: 0.01 } },
      spendMonthHigh: { kind: "spend_month", threshold: { maxUsd: 1000 } },
      silentSummaries: { kind: "silence", scope: { taskType: "summarize" } },
      silentClassify: { kind: "silence", scope: { taskType: "classify" } },
      unpriced: { kind: "unpriced" },
      unpricedClassify: { kind: "unpriced", scope: { taskType: "classify" } },
    };
    const ids: Record<string, string> = {};
    for (const [name, a] of Object.entries(alerts)) ids[name] = (await (await post(admin.secret, { name, windowMinutes: 60, ...a })).json()).id;

    const first = await evaluateAlerts(teamId, new Date(now));
    expect(first.evaluated).toBe(15);
    const state = async () => Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([name, id]) => [name, (await db().alert.findUniqueOrThrow({ where: { id } })).firing])));
    expect(await state()).toEqual({
      extractSuccess: true, classifySuccess: false, routeBlip: false, extractErrors: true, classifyErrors: false, extractLatency: true, classifyLatency: false,
      spend: true, spendHigh: false, spendMonth: true, spendMonthHigh: false, silentSummaries: true, silentClassify: false, unpriced: true, unpricedClassify: false,
    });
    const fired = await db().alertFiring.findFirstOrThrow({ where: { alertId: ids.extractSuccess } });
    expect(fired.evidence).toMatchObject({ n: 200, value: 0.8 });
    // The same minute again (its last millisecond: now + 1 s could be the next minute): nothing happens.
    expect((await evaluateAlerts(teamId, new Date(Math.floor(now / 60_000) * 60_000 + 59_999))).evaluated).toBe(0);

    // Extract recovers: 600 more calls, all successes, in the last hour (80% → 95%).
    await traffic(teamId, now, 600, () => ({ taskType: "extract", outcome: "success", latencyMs: 800, ttftMs: 100 }));
    await evaluateAlerts(teamId, new Date(now + 60_000));
    const after = await db().alertFiring.findFirstOrThrow({ where: { alertId: ids.extractSuccess } });
    expect(after.resolvedAt?.getTime()).toBe(Math.floor((now + 60_000) / 60_000) * 60_000);
    expect(await db().alertFiring.count({ where: { alertId: ids.extractSuccess } })).toBe(1);
  });

  it("is evaluated once a minute however many evaluators run at the same time", async () => {
    const { teamId, admin } = await team();
    for (let i = 0; i < 5; i++) await post(admin.secret, { name: `a${i}`, kind: "silence" });
    const now = new Date();
    const runs = await Promise.all([evaluateAlerts(teamId, now), evaluateAlerts(teamId, now), evaluateAlerts(teamId, now)]);
    expect(runs.reduce((n, r) => n + r.evaluated, 0)).toBe(5);
  });

  it("delivers a firing and its resolution once each to a webhook, signed, retrying a receiver that fails", async () => {
    const { teamId, admin, read } = await team();
    const now = Date.now();
    await traffic(teamId, now, 100, () => ({ taskType: "extract", status: "error" }));
    const { id } = await (await post(admin.secret, { name: "Extract errors", kind: "error_rate", scope: { taskType: "extract" }, threshold: { max: 0.05 },
      channels: [{ type: "webhook", url: receiver.url, secret: SECRET }] })).json();
    const { received } = receiver;
    received.length = 0;
    receiver.answerWith(500);
    await evaluateAlerts(teamId, new Date(now));
    await workUntilIdle();
    expect(received).toHaveLength(0);
    const job = await db().job.findFirstOrThrow({ where: { teamId, kind: "alerts.deliver" } });
    expect(job).toMatchObject({ state: "queued", attempts: 1 });
    expect(job.error).toContain("answered 500");
    receiver.answerWith(200);
    await db().job.updateMany({ where: { teamId, kind: "alerts.deliver" }, data: { runAt: new Date() } });
    await workUntilIdle();
    expect(received).toHaveLength(1);
    const body = JSON.parse(received[0].body);
    expect(body).toMatchObject({ alert: { id, name: "Extract errors", kind: "error_rate" }, state: "firing", evidence: { n: 100, value: 1 }, policyVersion: null, ruleId: null });
    expect(received[0].signature).toBe(expectedSignature(received[0].body, SECRET));

    // Errors stop: 3,000 good calls bring the rate under 5%; resolved once, however often evaluated.
    await traffic(teamId, now, 3000, () => ({ taskType: "extract" }));
    for (let m = 1; m <= 3; m++) await evaluateAlerts(teamId, new Date(now + m * 60_000));
    await workUntilIdle();
    expect(received.map((r) => JSON.parse(r.body).state)).toEqual(["firing", "resolved"]);
    const listed = await (await firings(apiRequest(`/api/v1/alerts/firings?from=${new Date(now - 3_600_000).toISOString()}&to=${new Date(now + 3_600_000).toISOString()}`, read.secret))).json();
    expect(listed.firings).toHaveLength(1);
    expect(listed.firings[0]).toMatchObject({ alert: { id, name: "Extract errors" }, state: "resolved" });
  });
});
