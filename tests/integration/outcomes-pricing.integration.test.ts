import { describe, expect, it } from "vitest";
import { POST as outcomesRoute } from "@/app/api/v1/outcomes/route";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { listUnpricedModels } from "@/lib/pricing/data";
import { deletePrice, setPrice } from "@/lib/pricing/mutations";
import { runRepricing } from "@/lib/pricing/reprice";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

async function totals(teamId: string) {
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId } });
  const r = await db().callRollup.aggregate({
    where: { teamSeq: seq },
    _sum: { calls: true, labeled: true, success: true, failure: true, costNanos: true, unpriced: true },
  });
  return r._sum;
}

// Call ids in this file are unique across its teams.
const outcomeOf = async (id: string) => {
  const c = await db().call.findFirstOrThrow({ where: { id } });
  return { outcome: c.outcome, traceOutcome: c.traceOutcome, reason: c.outcomeReason };
};

describe("POST /api/v1/outcomes", () => {
  it("labels stored calls and keeps labels for calls that arrive later", async () => {
    const { team, user } = await makeOwner();
    const key = await makeKey(team.id, "ingest", user.id);
    await ingestEvents(team.id, [makeEvent({ id: "c1" }), makeEvent({ id: "c2", outcome: "success" })]);
    const res = await outcomesRoute(apiRequest("/api/v1/outcomes", key.secret, {
      method: "POST",
      body: JSON.stringify({ outcomes: [
        { callId: "c1", outcome: "failure", reason: "reviewer rejected" },
        { callId: "c2", outcome: "failure" },
        { callId: "later", outcome: "success" },
      ] }),
    }));
    expect(await res.json()).toEqual({ applied: 2, pending: 1 });
    expect(await outcomeOf("c1")).toEqual({ outcome: 0, traceOutcome: null, reason: "reviewer rejected" });
    expect(await totals(team.id)).toMatchObject({ labeled: 2n, success: 0n, failure: 2n });

    await ingestEvents(team.id, [makeEvent({ id: "later" })]);
    expect((await outcomeOf("later")).outcome).toBe(1);
    expect(await totals(team.id)).toMatchObject({ calls: 3n, labeled: 3n, success: 1n, failure: 2n });
    expect(await db().pendingOutcome.count()).toBe(0);
  });

  it("counts a trace outcome for every step, also steps that arrive after the label", async () => {
    const { team } = await makeOwner();
    const step = (i: number) => makeEvent({ id: `run1-${i}`, taskType: "tool_agent", traceId: "run1", stepIndex: i });
    await ingestEvents(team.id, [step(0), step(1)]);
    expect(await applyOutcomes(team.id, [{ traceId: "run1", outcome: "failure" }, { traceId: "run-unknown", outcome: "success" }])).toEqual({ applied: 1, pending: 1 });
    await ingestEvents(team.id, [step(2)]);
    expect(await totals(team.id)).toMatchObject({ calls: 3n, labeled: 3n, failure: 3n });
    await applyOutcomes(team.id, [{ traceId: "run1", outcome: "success" }]);
    expect(await totals(team.id)).toMatchObject({ labeled: 3n, success: 3n, failure: 0n });
    expect(await outcomeOf("run1-2")).toMatchObject({ traceOutcome: 1 });
  });

  it("refuses a label with neither or both ids, naming the field, and applies nothing", async () => {
    const { team } = await makeOwner();
    const key = await makeKey(team.id, "ingest");
    await ingestEvents(team.id, [makeEvent({ id: "x" })]);
    const res = await outcomesRoute(apiRequest("/api/v1/outcomes", key.secret, {
      method: "POST",
      body: JSON.stringify({ outcomes: [{ callId: "x", outcome: "success" }, { outcome: "success" }, { callId: "x", outcome: "maybe" }] }),
    }));
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.issues.map((i: { path: string }) => i.path)).toEqual(["outcomes.1.callId", "outcomes.2.outcome"]);
    expect((await outcomeOf("x")).outcome).toBeNull();
  });
});

describe("price catalog", () => {
  it("prices each call at the price in effect at its timestamp, re-pricing when a dated price is added", async () => {
    const { team, user } = await makeOwner();
    await ingestEvents(team.id, [
      makeEvent({ id: "before", timestamp: "2026-05-31T23:59:59Z", inputTokens: 1_000_000, outputTokens: 0 }),
      makeEvent({ id: "after", timestamp: "2026-06-01T00:00:00Z", inputTokens: 1_000_000, outputTokens: 0 }),
    ]);
    expect((await totals(team.id)).costNanos).toBe(800_000_000n); // 2 × $0.40
    await setPrice(team.id, user.id, { model: "gpt-5.4-mini", effectiveFrom: new Date("2026-06-01T00:00:00Z"), input: 300_000n, output: 1_200_000n, cachedInput: null });
    await runRepricing();
    const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const cost = async (id: string) => (await db().call.findUniqueOrThrow({ where: { teamSeq_id: { teamSeq: seq, id } } })).costNanos;
    expect([await cost("before"), await cost("after")]).toEqual([400_000_000n, 300_000_000n]);
    expect((await totals(team.id)).costNanos).toBe(700_000_000n);

    await ingestEvents(team.id, [makeEvent({ id: "after-june", timestamp: "2026-07-01T00:00:00Z", inputTokens: 1_000_000, outputTokens: 0 })]);
    expect(await cost("after-june")).toBe(300_000_000n);
  });

  it("stores calls on unknown models as unpriced and prices them, rollups too, once the model is added", async () => {
    const { team, user } = await makeOwner();
    await ingestEvents(team.id, [
      makeEvent({ id: "u1", model: "acme-large", inputTokens: 2_000_000, outputTokens: 1_000_000, costUsd: 1.5 }),
      makeEvent({ id: "u2", model: "acme-large", inputTokens: 1_000_000, outputTokens: 0 }),
    ]);
    expect(await totals(team.id)).toMatchObject({ calls: 2n, unpriced: 2n, costNanos: 0n });
    expect(await listUnpricedModels(team.id)).toEqual([{ model: "acme-large", calls: 2 }]);
    expect((await db().call.findFirstOrThrow({ where: { id: "u1" } })).clientCostNanos).toBe(1_500_000_000n);

    await setPrice(team.id, user.id, { model: "acme-large", effectiveFrom: new Date("2020-01-01T00:00:00Z"), input: 1_000_000n, output: 2_000_000n, cachedInput: null });
    await runRepricing();
    expect(await totals(team.id)).toMatchObject({ unpriced: 0n, costNanos: 4_000_000_000n + 1_000_000_000n });
    expect(await listUnpricedModels(team.id)).toEqual([]);

    const price = await db().modelPrice.findFirstOrThrow({ where: { teamId: team.id, model: "acme-large" } });
    await deletePrice(team.id, user.id, price.id);
    await runRepricing();
    expect(await totals(team.id)).toMatchObject({ unpriced: 2n, costNanos: 0n });
  });

  it("will not delete another team's price", async () => {
    const a = await makeOwner();
    const b = await makeOwner();
    const priceOfB = await db().modelPrice.findFirstOrThrow({ where: { teamId: b.team.id } });
    await expect(deletePrice(a.team.id, a.user.id, priceOfB.id)).rejects.toMatchObject({ status: 404 });
    expect(await db().modelPrice.count({ where: { id: priceOfB.id } })).toBe(1);
  });
});
