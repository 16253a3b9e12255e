// The LLM judge end to end against the fake OpenAI server in judge mode (it passes an answer iff the
// judged output says RIGHT, and reports known token counts): created through the API with its key
// encrypted and never shown; a backfill judged in small steps with progress, verdicts and priced cost; the
// daily cap; the judge down (the job backs off, no call fails) and a single bad answer (no score, the job
// goes on); new calls judged by the worker through a job; the cost estimate before a backfill.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "@/packages/fake-openai/src/server";
import { POST as backfillRoute } from "@/app/api/v1/evaluators/[evaluatorId]/backfill/route";
import { PUT as updateRoute } from "@/app/api/v1/evaluators/[evaluatorId]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/v1/evaluators/route";
import { GET as jobRoute } from "@/app/api/v1/jobs/[jobId]/route";
import { PATCH as settingsRoute } from "@/app/api/v1/settings/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { JUDGE_CHUNK } from "@/lib/evaluators/judge-run";
import { getJudgeSpend } from "@/lib/evaluators/spend";
import { ingestEvents } from "@/lib/ingest/mutations";
import { workOnce, workUntilIdle } from "@/lib/jobs/worker";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const API_KEY = "sk-judge-0123456789-very-secret";
const RUBRIC = "Grade the answer to the question.\nQuestion: {{input}}\nAnswer: {{output}}";
// gpt-5.4-mini in the default catalog: $0.40 and $1.60 per 1M tokens.
const USAGE = { input: 1000, output: 20 };
const COST_NANOS = (1000n * 400_000n + 20n * 1_600_000n + 500n) / 1000n; // 432,000: $0.000432 a verdict
const now = Date.now();

let judge: FakeOpenAI;
let port: number;

/** Judge mode: a verdict per judged output (pass iff it says RIGHT), as JSON text, with known usage; GARBLED gets prose. */
function judgeMode(body: Record<string, any>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const prompt = String(body.messages?.at(-1)?.content ?? "");
  const answer = prompt.slice(prompt.indexOf("Answer:"));
  if (answer.includes("GARBLED")) return { text: "I think it is fine, probably.", usage: USAGE };
  const verdict = answer.includes("RIGHT") ? "pass" : "fail";
  return { text: JSON.stringify({ verdict, reason: verdict === "pass" ? "the answer is right" : "the answer is wrong" }), usage: USAGE };
}

beforeAll(async () => {
  judge = await startFakeOpenAI({ behave: judgeMode });
  port = Number(new URL(judge.url).port);
});
afterAll(async () => {
  await judge.close();
});

async function setup() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const admin = await makeKey(team.id, "admin");
  const call = async (handler: (r: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, init: RequestInit = {}, params: Record<string, string> = {}) => {
    const res = await handler(apiRequest(path, admin.secret, init), { params: Promise.resolve(params) });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text), text };
  };
  await call(settingsRoute, "/api/v1/settings", { method: "PATCH", body: JSON.stringify({ captureContent: true }) });
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  const createJudge = async (config: Record<string, unknown> = {}, scope?: Record<string, unknown>) => {
    const body = { name: "Right answer", kind: "llm_judge", config: { baseUrl: judge.url, apiKey: API_KEY, model: "gpt-5.4-mini", rubric: RUBRIC, ...config }, ...(scope ? { scope } : {}) };
    const res = await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify(body) });
    expect(res.status, res.text).toBe(200);
    return res;
  };
  const backfill = (id: string, body: Record<string, unknown> = {}) =>
    call(backfillRoute, `/api/v1/evaluators/${id}/backfill`, { method: "POST", body: JSON.stringify({ from: now - 86_400_000, to: now, ...body }) }, { evaluatorId: id });
  const job = async (jobId: string) => (await call(jobRoute, `/api/v1/jobs/${jobId}`, {}, { jobId })).json;
  return { teamId, seq, call, createJudge, backfill, job };
}

const answer = (id: string, output: string, over: Record<string, unknown> = {}) =>
  makeEvent({ id, taskType: "qa", model: "gpt-5.4-nano", timestamp: now - 3_600_000, input: "What is 2 + 2?", output, ...over });

/** `n` calls: every third says RIGHT. */
const answers = (n: number) => Array.from({ length: n }, (_, i) => answer(`c-${String(i).padStart(2, "0")}`, i % 3 === 0 ? `4. RIGHT (${i})` : `5, WRONG (${i})`));
const thirty = () => answers(30);

const scores = async (seq: number) =>
  (await db().score.findMany({ where: { teamSeq: seq }, orderBy: { callId: "asc" } })).map((s) => ({ callId: s.callId, verdict: s.verdict, costNanos: s.costNanos }));

const requestsSince = (n: number) => judge.requests.slice(n);

describe("LLM judge", () => {
  it("keeps the API key encrypted and out of every answer; a change without the key keeps it, null removes it", async () => {
    const { call, createJudge } = await setup();
    const created = await createJudge({ dailyCapUsd: 5 });
    expect(created.text).not.toContain(API_KEY);
    const id = created.json.id as string;

    const row = await db().evaluator.findUniqueOrThrow({ where: { id } });
    const stored = JSON.stringify(row.config);
    expect(stored).not.toContain(API_KEY);
    expect(row.config).toMatchObject({ apiKeyEncrypted: expect.stringMatching(/^v1\./), dailyCapUsd: 5 });
    expect(row.config).not.toHaveProperty("apiKey");
    const dump = await db().$queryRaw<{ t: string }[]>`SELECT string_agg(x::text, ' ') AS t FROM (SELECT row_to_json(a)::text AS x FROM "AuditEntry" a UNION ALL SELECT row_to_json(e)::text FROM "Evaluator" e) r`;
    expect(dump[0].t).not.toContain(API_KEY);

    const listed = await call(listRoute, "/api/v1/evaluators");
    expect(listed.text).not.toContain(API_KEY);
    expect(listed.text).not.toContain(row.config && (row.config as { apiKeyEncrypted: string }).apiKeyEncrypted);
    expect(listed.json.evaluators[0].config).toEqual({ baseUrl: judge.url, model: "gpt-5.4-mini", rubric: RUBRIC, dailyCapUsd: 5, hasApiKey: true });

    const put = (config: Record<string, unknown>) =>
      call(updateRoute, `/api/v1/evaluators/${id}`, { method: "PUT", body: JSON.stringify({ name: "Right answer", kind: "llm_judge", config: { baseUrl: judge.url, model: "gpt-5.4-mini", rubric: RUBRIC, ...config } }) }, { evaluatorId: id });
    expect((await put({})).json).toEqual({ id, version: 2 });
    const kept = await db().evaluator.findUniqueOrThrow({ where: { id } });
    expect((kept.config as { apiKeyEncrypted: string }).apiKeyEncrypted).toBe((row.config as { apiKeyEncrypted: string }).apiKeyEncrypted);
    expect((await put({ apiKey: null })).json).toEqual({ id, version: 3 });
    expect((await call(listRoute, "/api/v1/evaluators")).json.evaluators[0].config.hasApiKey).toBe(false);

    // Refused: a URL that is not http(s), a cap that is not positive.
    const refused: [Record<string, unknown>, string][] = [[{ baseUrl: "file:///etc/passwd" }, "config.baseUrl"], [{ dailyCapUsd: 0 }, "config.dailyCapUsd"]];
    for (const [config, path] of refused) {
      const res = await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "x", kind: "llm_judge", config: { baseUrl: judge.url, model: "m", rubric: "r", ...config } }) });
      expect(res.status).toBe(400);
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("backfills calls in steps with progress, verdicts as the judge gave them, and the cost priced from the catalog", async () => {
    const { teamId, seq, createJudge, backfill, job } = await setup();
    const N = JUDGE_CHUNK + 10; // two steps
    await ingestEvents(teamId, [
      ...answers(N),
      // The app's label stands; out of scope (another task type) and without captured output: never judged.
      answer("app-label", "5, WRONG", { outcome: "success" }),
      makeEvent({ id: "other-task", taskType: "classify", timestamp: now - 3_600_000, output: "RIGHT" }),
      answer("no-content", "RIGHT", { output: undefined }),
    ]);
    const { json } = await createJudge({}, { taskTypes: ["qa"] });
    const before = judge.requests.length;

    const estimate = await backfill(json.id, { dryRun: true });
    expect(estimate.status).toBe(200);
    expect(estimate.json.estimate).toMatchObject({ calls: N + 1, outputTokens: (N + 1) * 40, estimatedCostUsd: expect.any(Number), basis: expect.stringContaining("gpt-5.4-mini") });
    expect(estimate.json.estimate.estimatedCostUsd).toBeGreaterThan(0);
    expect(await db().job.count({ where: { teamId } })).toBe(0); // a dry run starts nothing
    expect(requestsSince(before)).toHaveLength(0);

    const jobId = (await backfill(json.id)).json.jobId as string;
    expect(await job(jobId)).toMatchObject({ state: "queued", done: 0, total: N + 1 });
    // A judge step takes JUDGE_CHUNK calls (not the 2,000 of the checks): progress moves step by step.
    expect(await workOnce()).toBe(true);
    expect(await job(jobId)).toMatchObject({ state: "running", done: JUDGE_CHUNK, total: N + 1 });
    expect(requestsSince(before)).toHaveLength(JUDGE_CHUNK);
    expect(await workOnce()).toBe(true);
    expect(await job(jobId)).toMatchObject({ state: "done", done: N + 1, total: N + 1 });

    const sent = requestsSince(before);
    expect(sent).toHaveLength(N + 1);
    expect(sent.every((r) => r.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
    expect(sent[0].body).toMatchObject({ model: "gpt-5.4-mini", response_format: { type: "json_schema" } });
    expect(sent.some((r) => String(r.body.messages[1].content).includes("Question: What is 2 + 2?"))).toBe(true);

    const got = await scores(seq);
    expect(got).toHaveLength(N + 1);
    for (const s of got) {
      expect(s.verdict, s.callId).toBe(s.callId === "app-label" ? 0 : Number(s.callId.slice(2)) % 3 === 0 ? 1 : 0);
      expect(s.costNanos).toBe(COST_NANOS);
    }
    const outcomes = Object.fromEntries((await db().call.findMany({ where: { teamSeq: seq } })).map((c) => [c.id, [c.outcome, c.outcomeSource]]));
    expect(outcomes["c-00"]).toEqual([1, 3]);
    expect(outcomes["c-01"]).toEqual([0, 3]);
    expect(outcomes["app-label"]).toEqual([1, null]);
    expect(outcomes["other-task"]).toEqual([null, null]);
    expect(outcomes["no-content"]).toEqual([null, null]);

    const spend = await getJudgeSpend(teamId, new Date(now - 86_400_000), new Date(Date.now() + 60_000));
    const total = BigInt(N + 1) * COST_NANOS;
    expect(spend.totalNanos).toBe(total);
    expect(spend.byEvaluator).toEqual([expect.objectContaining({ evaluatorId: json.id, nanos: total, verdicts: N + 1, unpriced: 0, capReached: false, dailyCapNanos: null })]);
    // The estimate was in the right range: its prompt sizes are a guess (the fake reports 1,000 tokens a prompt), the price is the same.
    const actualUsd = Number(total) / 1e9;
    expect(estimate.json.estimate.estimatedCostUsd).toBeGreaterThan(actualUsd / 10);
    expect(estimate.json.estimate.estimatedCostUsd).toBeLessThan(actualUsd * 10);
  });

  it("prices nothing for a judge model without a catalog price, and estimates null", async () => {
    const { teamId, seq, createJudge, backfill } = await setup();
    await ingestEvents(teamId, thirty().slice(0, 3));
    const { json } = await createJudge({ model: "local-judge-7b" });
    expect((await backfill(json.id, { dryRun: true })).json.estimate).toMatchObject({ calls: 3, estimatedCostUsd: null, basis: expect.stringContaining("no price") });
    await backfill(json.id);
    await workUntilIdle();
    expect((await scores(seq)).map((s) => s.costNanos)).toEqual([null, null, null]);
    const spend = await getJudgeSpend(teamId, new Date(now - 86_400_000), new Date(Date.now() + 60_000));
    expect(spend.byEvaluator[0]).toMatchObject({ nanos: 0n, verdicts: 3, unpriced: 3 });
  });

  it("stops judging for the day once the daily cap is reached, and a backfill resumes the next day", async () => {
    const { teamId, seq, createJudge, backfill, job } = await setup();
    await ingestEvents(teamId, thirty());
    // $0.002 is 4.6 verdicts: the 5th reaches it, and calls already in flight (at most 3) still finish.
    const { json } = await createJudge({ dailyCapUsd: 0.002 });
    const before = judge.requests.length;
    const jobId = (await backfill(json.id)).json.jobId as string;
    await workUntilIdle();
    const judged = (await scores(seq)).length;
    expect(judged).toBeGreaterThanOrEqual(5);
    expect(judged).toBeLessThanOrEqual(8);
    expect(requestsSince(before)).toHaveLength(judged);
    const paused = await job(jobId);
    expect(paused).toMatchObject({ state: "queued", done: judged, total: 30, error: expect.stringMatching(/daily judge spend cap of \$0\.002 reached.*resumes after 00:00 UTC/) });
    const { runAt } = await db().job.findUniqueOrThrow({ where: { id: jobId } });
    expect(runAt.getTime() % 86_400_000).toBe(0);
    expect(runAt.getTime()).toBeGreaterThan(Date.now());
    // Nothing more today, and the calls not judged are not failed.
    await workUntilIdle();
    expect(requestsSince(before)).toHaveLength(judged);
    expect(await db().call.count({ where: { teamSeq: seq, outcome: null } })).toBe(30 - judged);
    const spend = await getJudgeSpend(teamId, new Date(now - 86_400_000), new Date(Date.now() + 60_000));
    expect(spend.byEvaluator[0]).toMatchObject({ capReached: true, dailyCapNanos: 2_000_000n });

    // New calls today are skipped too: their job ends saying why.
    await ingestEvents(teamId, [answer("late-1", "RIGHT"), answer("late-2", "RIGHT")]);
    await workUntilIdle();
    expect(requestsSince(before)).toHaveLength(judged);
    const live = await db().job.findFirstOrThrow({ where: { teamId, kind: "evaluator.judge" } });
    expect(live).toMatchObject({ state: "done", done: 2, total: 2, error: expect.stringMatching(/cap .* reached.*2 calls not judged/) });

    // The next day: yesterday's spend no longer counts, the backfill goes on from its cursor.
    await db().$executeRaw`UPDATE "Score" SET "at" = "at" - interval '1 day' WHERE "teamSeq" = ${seq}`;
    await db().$executeRaw`UPDATE "Job" SET "runAt" = now() WHERE "id" = ${jobId}`;
    await workUntilIdle();
    const more = (await scores(seq)).length;
    expect(more - judged).toBeGreaterThanOrEqual(5);
    expect(more - judged).toBeLessThanOrEqual(8);
    expect(new Set(requestsSince(before).map((r) => r.body.messages[1].content)).size).toBe(more); // no call judged twice
  });

  it("backs off while the judge is down, without failing any call, and judges them once it is back; a bad answer only skips its call", async () => {
    const { teamId, seq, createJudge, backfill, job } = await setup();
    const { json } = await createJudge();
    await judge.close();
    await ingestEvents(teamId, [answer("d-1", "RIGHT"), answer("d-2", "WRONG"), answer("d-3", "GARBLED")]);
    const backfillId = (await backfill(json.id, { to: Date.now() })).json.jobId as string;
    await workUntilIdle(); // the backfill's step and the new calls' judge job both find the judge down
    const queued = await db().job.findFirstOrThrow({ where: { teamId, kind: "evaluator.judge" } });
    for (const id of [queued.id, backfillId]) {
      expect(await job(id)).toMatchObject({ state: "queued", done: 0, total: 3, error: expect.stringMatching(/^judge at 127\.0\.0\.1:\d+ unreachable: /) });
      const row = await db().job.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(1);
      expect(row.runAt.getTime()).toBeGreaterThan(Date.now());
    }
    expect(await db().score.count({ where: { teamSeq: seq } })).toBe(0);
    expect(await db().call.count({ where: { teamSeq: seq, outcome: { not: null } } })).toBe(0);

    judge = await startFakeOpenAI({ port, behave: judgeMode });
    await db().$executeRaw`UPDATE "Job" SET "runAt" = now() WHERE "teamId" = ${teamId}`;
    await workUntilIdle();
    for (const id of [queued.id, backfillId]) {
      expect(await job(id)).toMatchObject({ state: "done", done: 3, total: 3, error: expect.stringMatching(/^1 judge answer was not a verdict, so not scored \(last: judge answer is not JSON/) });
    }
    expect((await scores(seq)).map((s) => [s.callId, s.verdict])).toEqual([["d-1", 1], ["d-2", 0]]);
    const outcomes = Object.fromEntries((await db().call.findMany({ where: { teamSeq: seq } })).map((c) => [c.id, c.outcome]));
    expect(outcomes).toEqual({ "d-1": 1, "d-2": 0, "d-3": null });
  });

  it("judges new calls in the worker through a job, never on the ingest path, beside the deterministic evaluators", async () => {
    const { teamId, seq, call, createJudge } = await setup();
    const { json } = await createJudge();
    await call(createRoute, "/api/v1/evaluators", { method: "POST", body: JSON.stringify({ name: "Has a digit", kind: "regex", config: { pattern: "\\d", mustMatch: true } }) });
    // Judge jobs are one per drained batch: those that ended over a day ago are removed, nothing else.
    const old = await db().job.create({ data: { teamId, kind: "evaluator.judge", payload: {}, state: "done", updatedAt: new Date(Date.now() - 2 * 86_400_000) } });
    const recent = await db().job.create({ data: { teamId, kind: "evaluator.judge", payload: {}, state: "done", updatedAt: new Date(Date.now() - 3_600_000) } });
    const oldBackfill = await db().job.create({ data: { teamId, kind: "evaluator.backfill", payload: {}, state: "done", updatedAt: new Date(Date.now() - 2 * 86_400_000) } });
    const before = judge.requests.length;
    await ingestEvents(teamId, [answer("n-1", "4 is RIGHT"), answer("n-2", "5 is WRONG"), answer("n-3", "no idea, RIGHT?")]);
    expect(requestsSince(before)).toHaveLength(0);
    expect(await db().score.count({ where: { teamSeq: seq } })).toBe(0);
    await workUntilIdle();
    expect(requestsSince(before)).toHaveLength(3);
    const byEvaluator = await db().score.findMany({ where: { teamSeq: seq, evaluatorId: json.id }, orderBy: { callId: "asc" } });
    expect(byEvaluator.map((s) => [s.callId, s.verdict, s.costNanos])).toEqual([["n-1", 1, COST_NANOS], ["n-2", 0, COST_NANOS], ["n-3", 1, COST_NANOS]]);
    // Fail if any evaluator failed: n-3 has no digit.
    const outcomes = Object.fromEntries((await db().call.findMany({ where: { teamSeq: seq } })).map((c) => [c.id, [c.outcome, c.outcomeSource]]));
    expect(outcomes).toEqual({ "n-1": [1, 3], "n-2": [0, 3], "n-3": [0, 3] });
    const jobs = await db().job.findMany({ where: { teamId }, orderBy: { createdAt: "asc" } });
    expect(jobs.map((j) => j.id).filter((id) => [old.id, recent.id, oldBackfill.id].includes(id))).toEqual([recent.id, oldBackfill.id]);
    expect(jobs.filter((j) => j.id !== recent.id && j.id !== oldBackfill.id)).toEqual([expect.objectContaining({ kind: "evaluator.judge", state: "done", done: 3, total: 3, error: null })]);
  });
});
