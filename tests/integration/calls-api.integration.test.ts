// GET /api/v1/calls and /api/v1/calls/{id} (contracts §11) on stored calls: the event's fields as stored,
// filters and free-text search, keyset pages that neither skip nor repeat, streamed CSV and NDJSON exports,
// one call with its attempts, shadows, scores and content, and bad input as a 400 naming the field.
import { describe, expect, it } from "vitest";
import { GET as getCall } from "@/app/api/v1/calls/[id]/route";
import { GET as listCalls } from "@/app/api/v1/calls/route";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

const base = Date.UTC(2026, 10, 20, 10);
const WINDOW = "from=2026-11-19&to=2026-11-22";

async function seed() {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  await db().team.update({ where: { id: team.id }, data: { captureContent: true } });
  const read = await makeKey(team.id, "read");
  const ingest = await makeKey(team.id, "ingest");
  const events = [
    ...Array.from({ length: 25 }, (_, i) => makeEvent({ id: `c-${String(i).padStart(2, "0")}`, timestamp: base + i * 60_000, model: i % 2 ? "gpt-5.4-nano" : "gpt-5.4-mini", metadata: { tier: i < 5 ? "enterprise" : "free" } })),
    makeEvent({ id: "first", timestamp: base + 30 * 60_000, model: "gpt-5.4-nano", status: "error", errorType: "api_error", policyVersion: 3, ruleId: "cheap", propensity: 0.9, input: "Where is order A-7731?", output: "" }),
    makeEvent({ id: "retry", timestamp: base + 30 * 60_000 + 500, attempt: 2, parentId: "first", escalatedFrom: "gpt-5.4-nano", outcome: "success", input: "Where is order A-7731?", output: "It shipped on Monday." }),
    makeEvent({ id: "twin", timestamp: base + 30 * 60_000 + 900, model: "gpt-5.4-nano", shadowOf: "first" }),
    makeEvent({ id: "step-0", timestamp: base + 40 * 60_000, taskType: "tool_agent", traceId: "run-9", stepIndex: 0, model: "ft-unknown-model" }),
  ];
  await ingestEvents(teamId, events);
  await applyOutcomes(teamId, [{ traceId: "run-9", outcome: "failure" }]);
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  // As an evaluator's verdict leaves it (lib/evaluators writes outcome and its source together).
  await db().call.update({ where: { teamSeq_id: { teamSeq: seq, id: "c-03" } }, data: { outcome: 0, outcomeSource: 3 } });
  return { teamId, read, ingest };
}

const list = async (secret: string | undefined, query: string, init: RequestInit = {}) => listCalls(apiRequest(`/api/v1/calls?${query}`, secret, init));
const one = (secret: string, id: string) => getCall(apiRequest(`/api/v1/calls/${encodeURIComponent(id)}`, secret), { params: Promise.resolve({ id }) });

describe("GET /api/v1/calls", () => {
  it("gives each call's stored fields with cost, effective outcome and its source, newest first", async () => {
    const { read } = await seed();
    const res = await list(read.secret, WINDOW);
    expect(res.status).toBe(200);
    const { calls, nextCursor } = await res.json();
    expect(nextCursor).toBeNull();
    expect(calls).toHaveLength(29);
    expect(calls[0]).toMatchObject({ id: "step-0", taskType: "tool_agent", traceId: "run-9", stepIndex: 0, costUsd: null, outcome: "failure", outcomeSource: "app" });
    const retry = calls.find((c: { id: string }) => c.id === "retry");
    expect(retry).toEqual({
      id: "retry", timestamp: new Date(base + 30 * 60_000 + 500).toISOString(), taskType: "classify", model: "gpt-5.4-mini", provider: "openai",
      inputTokens: 800, outputTokens: 200, cachedInputTokens: null, reasoningTokens: null, latencyMs: 900, ttftMs: 420, status: "ok", errorType: null,
      outcome: "success", outcomeSource: "app", outcomeReason: null, traceId: null, stepIndex: null, contextTokens: 800, toolCount: 0, toolCallCount: 0,
      attempt: 2, parentId: "first", escalatedFrom: "gpt-5.4-nano", shadowOf: null, policyVersion: null, ruleId: null, propensity: null,
      costUsd: expect.any(Number), metadata: null,
    });
    expect(retry.costUsd).toBeCloseTo((800 * 0.4 + 200 * 1.6) / 1e6, 12);
    expect(calls.find((c: { id: string }) => c.id === "c-03")).toMatchObject({ outcome: "failure", outcomeSource: "evaluator" });
    expect(calls.find((c: { id: string }) => c.id === "first")).toMatchObject({ status: "error", errorType: "api_error", policyVersion: 3, ruleId: "cheap", propensity: expect.closeTo(0.9, 6), outcome: null, outcomeSource: null });
  });

  it("filters like the Calls page and searches ids, metadata values and captured content", async () => {
    const { read } = await seed();
    const ids = async (query: string) => (await (await list(read.secret, `${WINDOW}&${query}`)).json()).calls.map((c: { id: string }) => c.id);
    expect(await ids("status=error")).toEqual(["first"]);
    expect(await ids("taskType=tool_agent&outcome=failure")).toEqual(["step-0"]);
    expect(await ids("traceId=run-9")).toEqual(["step-0"]);
    expect((await ids("model=gpt-5.4-nano")).length).toBe(12 + 2);
    expect(await ids("q=first")).toEqual(["twin", "retry", "first"]); // the call, its retry (parentId) and its shadow (shadowOf)
    expect(await ids("q=a-7731")).toEqual(["retry", "first"]); // captured content, case-insensitive
    expect(await ids("q=shipped")).toEqual(["retry"]);
    expect((await ids("q=ENTERPRISE")).length).toBe(5); // metadata values
    expect(await ids("q=100%25")).toEqual([]); // % is matched literally, not as a wildcard
  });

  it("pages by cursor without skipping or repeating, and refuses bad input with a 400 naming the field", async () => {
    const { read, ingest } = await seed();
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = await (await list(read.secret, `${WINDOW}&limit=7${cursor ? `&cursor=${cursor}` : ""}`)).json();
      expect(page.calls.length).toBeLessThanOrEqual(7);
      seen.push(...page.calls.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    }
    const all = (await (await list(read.secret, WINDOW)).json()).calls.map((c: { id: string }) => c.id);
    expect(seen).toEqual(all);

    for (const [query, field] of [["limit=0", "limit"], ["limit=1001", "limit"], ["limit=2.5", "limit"], ["status=maybe", "status"], ["cursor=bm9wZQ", "cursor"],
      [`cursor=${Buffer.from("99999999999999:x").toString("base64url")}`, "cursor"], ["from=0000-01-01", "from"], ["to=2026-11-18", "to"], ["taskType=a%00b", "taskType"], [`q=${"x".repeat(201)}`, "q"]]) {
      const res = await list(read.secret, `${WINDOW}&${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("validation_error");
      expect(body.error.issues.map((i: { path: string }) => i.path), query).toContain(field);
    }
    expect((await list(undefined, WINDOW)).status).toBe(401);
    expect((await list(ingest.secret, WINDOW)).status).toBe(403);
  });

  it("streams every matching call as CSV or NDJSON when asked, past any page size", async () => {
    const { read } = await seed();
    const csv = await list(read.secret, `${WINDOW}&limit=3&model=gpt-5.4-mini`, { headers: { accept: "text/csv" } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0].split(",").slice(0, 4)).toEqual(["id", "timestamp", "taskType", "model"]);
    expect(lines).toHaveLength(1 + 13 + 1); // header, 13 c-* on mini, retry
    const tiered = lines.find((l) => l.startsWith("c-00,"))!;
    expect(tiered).toContain('"{""tier"":""enterprise""}"'); // metadata as a quoted JSON cell

    const nd = await list(read.secret, WINDOW, { headers: { accept: "application/x-ndjson" } });
    expect(nd.headers.get("content-type")).toBe("application/x-ndjson");
    const rows = (await nd.text()).trimEnd().split("\n").map((l) => JSON.parse(l));
    const page = (await (await list(read.secret, WINDOW)).json()).calls;
    expect(rows).toEqual(page);
  });
});

describe("GET /api/v1/calls/{id}", () => {
  it("adds the task's attempts, shadow twins, scores and captured content; 404 for an unknown id", async () => {
    const { read } = await seed();
    const res = await one(read.secret, "retry");
    expect(res.status).toBe(200);
    const call = await res.json();
    expect(call).toMatchObject({ id: "retry", attempt: 2, input: "Where is order A-7731?", output: "It shipped on Monday.", scores: [] });
    expect(call.attempts.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([["first", "error"], ["retry", "ok"]]);
    expect(call.shadows.map((c: { id: string; shadowOf: string }) => [c.id, c.shadowOf])).toEqual([["twin", "first"]]);
    // A call without retries or shadows: itself as its only attempt, no shadows, and no content captured.
    const alone = await one(read.secret, "c-01");
    expect(alone.status).toBe(200);
    const plain = await alone.json();
    expect(plain).toMatchObject({ id: "c-01", shadows: [] });
    expect(plain.attempts.map((c: { id: string }) => c.id)).toEqual(["c-01"]);
    expect(plain).not.toHaveProperty("input");
    const missing = await one(read.secret, "no-such-call");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("not_found");
    expect((await one(read.secret, "a\u0000b")).status).toBe(400);
  });
});
