// Evaluators end to end on the real database: created through the API, run as a backfill job with
// progress and on newly stored calls by the worker (never on the ingest path); every verdict is kept as a
// score; a call's outcome follows its evaluators only where the app (or a review) gave none; rollups and
// the simulator see it, shadow calls included.
import { describe, expect, it } from "vitest";
import { POST as backfillRoute } from "@/app/api/v1/evaluators/[evaluatorId]/backfill/route";
import { PUT as updateRoute } from "@/app/api/v1/evaluators/[evaluatorId]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/evaluators/route";
import { GET as jobRoute } from "@/app/api/v1/jobs/[jobId]/route";
import { PATCH as settingsRoute } from "@/app/api/v1/settings/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { simulate } from "@/lib/simulate";
import { DEFAULT_ASSUMPTIONS } from "@/lib/simulate/schema";
import { workUntilIdle } from "@/lib/jobs/worker";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const SCHEMA = { type: "object", required: ["invoice", "total"], properties: { invoice: { type: "string" }, total: { type: "number" } } };
const good = JSON.stringify({ invoice: "A-1", total: 12.5 });
const now = Date.now();

async function setup() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const admin = await makeKey(team.id, "admin");
  const read = await makeKey(team.id, "read");
  const call = async (handler: (r: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, init: RequestInit = {}, params: Record<string, string> = {}, key = admin.secret) => {
    const res = await handler(apiRequest(path, key, init), { params: Promise.resolve(params) });
    return { status: res.status, json: await res.json() };
  };
  expect((await call(settingsRoute, "/api/v1/settings", { method: "PATCH", body: JSON.stringify({ captureContent: true }) })).json).toMatchObject({ captureContent: true });
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { team, teamId, seq, admin, read, call };
}

const extract = (id: string, output: string, over: Record<string, unknown> = {}) =>
  makeEvent({ id, taskType: "extract", model: "gpt-5.4-nano", timestamp: now - 3_600_000, output, ...over });

const outcomes = async (seq: number) =>
  Object.fromEntries((await db().call.findMany({ where: { teamSeq: seq }, select: { id: true, outcome: true, outcomeSource: true } })).map((c) => [c.id, [c.outcome, c.outcomeSource]]));

/** Labels in the rollups equal the calls' effective outcomes: the rollups moved with every change. */
async function expectRollupsFollow(seq: number) {
  const [calls] = await db().$queryRaw<{ s: bigint; f: bigint }[]>`
    SELECT count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1)::int8 AS s, count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)::int8 AS f FROM "Call" WHERE "teamSeq" = ${seq}`;
  const [rollups] = await db().$queryRaw<{ s: bigint; f: bigint }[]>`SELECT sum("success")::int8 AS s, sum("failure")::int8 AS f FROM "CallRollup" WHERE "teamSeq" = ${seq}`;
  expect([Number(rollups.s), Number(rollups.f)]).toEqual([Number(calls.s), Number(calls.f)]);
}

describe("evaluators", () => {
  it("backfills a window as a job with progress, keeping the app's labels and following the verdicts elsewhere", async () => {
    const { teamId, seq, call } = await setup();
    await ingestEvents(teamId, [
      extract("ok-1", good), extract("ok-2", good),
      extract("broken", '{"invoice": "A-'), extract("missing", JSON.stringify({ invoice: "A-2" })),
      // The app said this one succeeded: its label stands whatever the evaluator says.
      extract("app-says-ok", "not json at all", { outcome: "success" }),
      // Out of scope (another task type) and without captured output: never scored.
      makeEvent({ id: "classify-1", taskType: "classify", timestamp: now - 3_600_000, output: "yes" }),
      extract("no-content", good, { output: undefined }),
    ]);
    const created = await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "Invoice JSON", kind: "json_schema", config: { schema: SCHEMA }, scope: { taskTypes: ["extract"] } }) });
    expect(created.status).toBe(200);
    expect(created.json).toEqual({ id: expect.any(String), version: 1 });
    const id = created.json.id as string;

    const started = await call(backfillRoute, `/api/v1/evaluators/${id}/backfill`, { method: "POST", body: JSON.stringify({ from: now - 86_400_000, to: now }) }, { evaluatorId: id });
    expect(started.status).toBe(200);
    const jobId = started.json.jobId as string;
    expect((await call(jobRoute, `/api/v1/jobs/${jobId}`, {}, { jobId })).json).toMatchObject({ state: "queued", done: 0, total: 5 });
    await workUntilIdle();
    expect((await call(jobRoute, `/api/v1/jobs/${jobId}`, {}, { jobId })).json).toMatchObject({ state: "done", done: 5, total: 5 });

    const scores = await db().score.findMany({ where: { teamSeq: seq }, orderBy: { callId: "asc" } });
    expect(scores.map((s) => [s.callId, s.verdict, s.version])).toEqual([["app-says-ok", 0, 1], ["broken", 0, 1], ["missing", 0, 1], ["ok-1", 1, 1], ["ok-2", 1, 1]]);
    expect(scores.find((s) => s.callId === "missing")!.reason).toMatch(/total/);
    const o = await outcomes(seq);
    expect(o["ok-1"]).toEqual([1, 3]);
    expect(o["broken"]).toEqual([0, 3]);
    expect(o["app-says-ok"]).toEqual([1, null]);
    expect(o["classify-1"]).toEqual([null, null]);
    expect(o["no-content"]).toEqual([null, null]);
    await expectRollupsFollow(seq);

    const listed = await call(listRoute, "/api/v1/evaluators");
    expect(listed.json.evaluators).toEqual([expect.objectContaining({ id, name: "Invoice JSON", kind: "json_schema", version: 1, results: { pass: 2, fail: 3 } })]);
  });

  it("evaluates new calls in the worker, and a later app label outranks the verdict", async () => {
    const { teamId, seq, call } = await setup();
    await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "Says refund", kind: "contains", config: { text: "refund", mustContain: true } }) });
    await ingestEvents(teamId, [extract("r-1", "Yes, a refund is due."), extract("r-2", "No.")]);
    // Ingest only noted them: no verdict on the ingest path.
    expect(await db().score.count({ where: { teamSeq: seq } })).toBe(0);
    // One row for the batch, holding both ids.
    expect((await db().evalPending.findMany({ where: { teamSeq: seq } })).map((p) => p.callIds.sort())).toEqual([["r-1", "r-2"]]);
    await workUntilIdle();
    expect(await outcomes(seq)).toEqual({ "r-1": [1, 3], "r-2": [0, 3] });
    expect(await db().evalPending.count({ where: { teamSeq: seq } })).toBe(0);

    await applyOutcomes(teamId, [{ callId: "r-2", outcome: "success" }]);
    expect((await outcomes(seq))["r-2"]).toEqual([1, null]);
    // Evaluating again never takes the app's label back.
    await db().evalPending.create({ data: { teamSeq: seq, callIds: ["r-2"] } });
    await workUntilIdle();
    expect((await outcomes(seq))["r-2"]).toEqual([1, null]);
    await expectRollupsFollow(seq);
  });

  it("grades shadow calls, and the simulator counts them as evidence for the shadow model", async () => {
    const { teamId, seq, call } = await setup();
    await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "JSON", kind: "json_schema", config: { schema: SCHEMA }, scope: { production: false, shadow: true } }) });
    await ingestEvents(teamId, [
      ...Array.from({ length: 40 }, (_, i) => extract(`p-${i}`, good, { model: "gpt-5.4-mini", outcome: "success" })),
      ...Array.from({ length: 40 }, (_, i) => extract(`s-${i}`, i < 30 ? good : "{", { shadowOf: `p-${i}` })),
    ]);
    await workUntilIdle();
    expect(await db().score.count({ where: { teamSeq: seq } })).toBe(40);
    const result = await simulate(teamId, { from: new Date(now - 2 * 86_400_000), to: new Date(now + 3_600_000), policy: { defaultModel: "gpt-5.4-nano" }, assumptions: DEFAULT_ASSUMPTIONS });
    const row = result.byTaskType.find((r) => r.taskType === "extract")!;
    expect(row.evidence["gpt-5.4-nano"]).toEqual({ labeled: 40, successRate: 0.75 });
    expect(row.projected.successRate).toBeCloseTo(0.75, 6);
  });

  it("keeps verdicts per version: a change starts the counts afresh", async () => {
    const { teamId, seq, call } = await setup();
    const { json } = await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "Refund", kind: "regex", config: { pattern: "refund", flags: "i", mustMatch: true } }) });
    await ingestEvents(teamId, [extract("v-1", "REFUND please")]);
    await workUntilIdle();
    const changed = await call(updateRoute, `/api/v1/evaluators/${json.id}`, { method: "PUT", body: JSON.stringify({ name: "Refund", kind: "regex", config: { pattern: "refund", mustMatch: true } }) }, { evaluatorId: json.id });
    expect(changed.json).toEqual({ id: json.id, version: 2 });
    await db().evalPending.create({ data: { teamSeq: seq, callIds: ["v-1"] } });
    await workUntilIdle();
    const scores = await db().score.findMany({ where: { teamSeq: seq }, orderBy: { version: "asc" } });
    expect(scores.map((s) => [s.version, s.verdict])).toEqual([[1, 1], [2, 0]]);
    expect((await outcomes(seq))["v-1"]).toEqual([0, 3]);
    expect((await call(listRoute, "/api/v1/evaluators")).json.evaluators[0]).toMatchObject({ version: 2, results: { pass: 0, fail: 1 } });
  });

  it("answers bad input with 400 naming the field, unknown ids with 404, and a read key with 403", async () => {
    const { call, read } = await setup();
    const create = (body: unknown) => call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify(body) });
    const bad = [
      [{ name: "x", kind: "telepathy", config: {} }, "kind"],
      [{ name: "x", kind: "json_schema", config: { schema: { type: "no-such-type" } } }, "config.schema"],
      [{ name: "x", kind: "regex", config: { pattern: "(", mustMatch: true } }, "config.pattern"],
      [{ name: "", kind: "contains", config: { text: "a", mustContain: true } }, "name"],
      [{ name: "x", kind: "contains", config: { text: "a", mustContain: true }, sampleRate: 2 }, "sampleRate"],
      [{ name: "x", kind: "contains", config: { text: "a", mustContain: true }, scope: { production: false, shadow: false } }, "scope"],
    ] as const;
    for (const [body, path] of bad) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await call(backfillRoute, "/x", { method: "POST", body: JSON.stringify({ from: now - 1000, to: now }) }, { evaluatorId: missing })).status).toBe(404);
    expect((await call(jobRoute, "/x", {}, { jobId: missing })).status).toBe(404);
    expect((await call(jobRoute, "/x", {}, { jobId: "not-a-uuid" })).status).toBe(400);
    expect((await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "x", kind: "contains", config: { text: "a", mustContain: true } }) }, {}, read.secret)).status).toBe(403);
    expect((await call(listRoute, "/api/v1/evaluators", {}, {}, read.secret)).status).toBe(200);
  });
});
