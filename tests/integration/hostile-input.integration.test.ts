// Input that used to answer 500 and lose the batch: NUL and lone surrogates in stored strings, times at
// the edges, huge integers, deep nesting, wrong methods. Each answers 4xx naming the field (or is stored
// cleaned, for free text), and valid events beside it are stored exactly once.
import { describe, expect, it } from "vitest";
import { POST as ingestRoute, GET as ingestGet } from "@/app/api/v1/ingest/route";
import { POST as outcomesRoute } from "@/app/api/v1/outcomes/route";
import { PUT as putPolicy } from "@/app/api/v1/policy/route";
import { POST as rollbackRoute } from "@/app/api/v1/policy/rollback/route";
import { POST as simulateRoute } from "@/app/api/v1/simulate/route";
import { GET as analyticsRoute } from "@/app/api/v1/analytics/task-types/route";
import { db } from "@/lib/db";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

async function team() {
  const { team } = await makeOwner();
  const [ingest, admin] = await Promise.all([makeKey(team.id, "ingest"), makeKey(team.id, "admin")]);
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { seq, ingest: ingest.secret, admin: admin.secret };
}

const send = async (handler: (r: Request) => Promise<Response>, path: string, key: string, body: unknown, method = "POST") => {
  const res = await handler(apiRequest(path, key, { method, body: typeof body === "string" ? body : JSON.stringify(body) }));
  return { status: res.status, json: await res.json() };
};

const NUL = "x\u0000y";
const LONE = "x\udc00";

describe("hostile ingest input", () => {
  it("rejects NUL and lone surrogates in identifiers per event, stores the valid events once, and cleans free text", async () => {
    const { seq, ingest } = await team();
    const idFields = ["id", "model", "provider", "errorType", "traceId", "parentId", "shadowOf", "escalatedFrom", "ruleId"];
    const bad = idFields.flatMap((field) => [NUL, LONE, "a\ud800b"].map((v) => makeEvent({ [field]: v })));
    const good = [makeEvent({ id: "ok-1", metadata: { customer: `ACME${NUL}` } }), makeEvent({ id: "ok-2", metadata: { note: LONE } }), makeEvent({ id: "a\ufffdb" })];
    const res = await send(ingestRoute, "/api/v1/ingest", ingest, { events: [...bad, ...good] });
    expect(res.status).toBe(200);
    expect(res.json.accepted).toBe(3);
    expect(res.json.rejected).toHaveLength(bad.length);
    res.json.rejected.forEach((r: { index: number; errors: { path: string }[] }) => expect(r.errors[0].path).toBe(idFields[Math.floor(r.index / 3)]));
    const stored = await db().call.findMany({ where: { teamSeq: seq }, orderBy: { id: "asc" } });
    expect(stored.map((c) => [c.id, c.metadata])).toEqual([
      ["a\ufffdb", null], ["ok-1", { customer: "ACMEx\ufffdy" }], ["ok-2", { note: "x\ufffd" }],
    ]);
    const again = await send(ingestRoute, "/api/v1/ingest", ingest, { events: [makeEvent({ id: "a\ud800b" }), makeEvent({ id: "a\ufffdb" })] });
    expect([again.json.accepted, again.json.duplicates, again.json.rejected.length]).toEqual([0, 1, 1]);
  });

  it("answers 400 naming timestamp for times outside 2000 to now + 24 h", async () => {
    const { seq, ingest } = await team();
    for (const timestamp of ["0000-01-01T00:00:00Z", 8_640_000_000_000_000, "2030-01-01T00:00:00Z"]) {
      const res = await send(ingestRoute, "/api/v1/ingest", ingest, { events: [makeEvent({ timestamp })] });
      expect(res.json.rejected[0].errors[0].path).toBe("timestamp");
    }
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(0);
  });

  it("answers 400 for JSON nested too deep and 413 for too many labels", async () => {
    const { ingest } = await team();
    const deep = `{"events":[{"id":"d","input":${"[".repeat(20_000)}${"]".repeat(20_000)}}]}`;
    const res = await send(ingestRoute, "/api/v1/ingest", ingest, deep);
    expect([res.status, res.json.error.code, res.json.error.issues[0].path]).toEqual([400, "validation_error", "events.0.input.0.…"]);
    const labels = Array.from({ length: 1001 }, (_, i) => ({ callId: `c${i}`, outcome: "success" }));
    expect((await send(outcomesRoute, "/api/v1/outcomes", ingest, { outcomes: labels })).status).toBe(413);
    const nul = await send(outcomesRoute, "/api/v1/outcomes", ingest, { outcomes: [{ callId: "ok", outcome: "success" }, { callId: NUL, outcome: "failure" }] });
    expect([nul.status, nul.json.error.issues[0].path]).toEqual([400, "outcomes.1.callId"]);
    const reason = await send(outcomesRoute, "/api/v1/outcomes", ingest, { outcomes: [{ callId: "later", outcome: "failure", reason: NUL }] });
    expect(reason.json).toEqual({ applied: 0, pending: 1 });
    expect((await db().pendingOutcome.findFirstOrThrow({ where: { callId: "later" } })).reason).toBe("x\ufffdy");
  });

  it("answers a wrong method with 405 in the API's error shape", async () => {
    const { ingest } = await team();
    const res = await ingestGet(apiRequest("/api/v1/ingest", ingest));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect((await res.json()).error.code).toBe("method_not_allowed");
  });
});

describe("hostile policy and window input", () => {
  it("refuses NUL in a policy's model names (422 with the path) and a rollback version past int4 (400)", async () => {
    const { admin } = await team();
    const res = await send(putPolicy, "/api/v1/policy", admin, { policy: { defaultModel: `gpt${NUL}` }, message: "m" }, "PUT");
    expect([res.status, res.json.error.issues[0].path]).toEqual([422, "policy.defaultModel"]);
    const split = await send(putPolicy, "/api/v1/policy", admin, { policy: { defaultModel: "m", rules: [{ id: "r", split: [{ model: LONE, weight: 1 }] }] } }, "PUT");
    expect(split.json.error.issues[0].path).toBe("policy.rules.0.split.0.model");
    const ok = await send(putPolicy, "/api/v1/policy", admin, { policy: { defaultModel: "m" }, message: `why${NUL}` }, "PUT");
    expect(ok).toEqual({ status: 200, json: { version: 1 } });
    const rollback = await send(rollbackRoute, "/api/v1/policy/rollback", admin, { version: 2 ** 31 });
    expect([rollback.status, rollback.json.error.issues[0].path]).toEqual([400, "version"]);
    const message = await send(rollbackRoute, "/api/v1/policy/rollback", admin, { version: 1, message: NUL });
    expect(message).toEqual({ status: 200, json: { version: 2 } });
  });

  it("answers 400 naming from or to for windows at the edges of time", async () => {
    const { admin } = await team();
    for (const [from, to, field] of [["0000-01-01", "2026-01-01", "from"], ["2026-01-01", 8_640_000_000_000_000, "to"], [-1, "2026-01-01", "from"]] as const) {
      const sim = await send(simulateRoute, "/api/v1/simulate", admin, { from, to, policy: { defaultModel: "m" } });
      expect([sim.status, sim.json.error.issues[0].path]).toEqual([400, field]);
    }
    for (const query of ["from=0000-01-01", "to=9999999999999999", "from=0"]) {
      const res = await analyticsRoute(apiRequest(`/api/v1/analytics/task-types?${query}`, admin));
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe(query.split("=")[0]);
    }
  });
});
