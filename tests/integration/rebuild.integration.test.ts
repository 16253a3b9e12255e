// Rollups and task sizes rebuilt in SQL from the stored calls equal the ones ingest maintained call by call (the
// analytics benchmark relies on this to bulk-load its 10M calls).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { rebuildRollups } from "@/lib/rollups/rebuild";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { checkedTeamId } from "@/lib/auth/team-id";
import { makeEvent, makeOwner } from "@/tests/factories";

function rng(seed: number) {
  return () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
}

async function snapshot(seq: number) {
  const plain = (rows: object[]) => JSON.parse(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  return {
    hourly: plain(await db().callRollup.findMany({ where: { teamSeq: seq }, orderBy: [{ hour: "asc" }, { taskType: "asc" }, { model: "asc" }, { shadow: "asc" }, { contextBucket: "asc" }, { toolCount: "asc" }] })),
    daily: plain(await db().callRollupDay.findMany({ where: { teamSeq: seq }, orderBy: [{ day: "asc" }, { taskType: "asc" }, { model: "asc" }, { shadow: "asc" }] })),
    sizes: plain(await db().callTaskSize.findMany({ where: { teamSeq: seq }, orderBy: [{ contextTokens: "asc" }, { day: "asc" }, { taskType: "asc" }, { model: "asc" }, { toolCount: "asc" }] })),
  };
}

describe("rebuildRollups", () => {
  it("reproduces the ingest path's rollups exactly, histograms included", async () => {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    const random = rng(4242);
    const pick = <T,>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const events = Array.from({ length: 1200 }, (_, i) => {
      const latencyMs = 50 + Math.floor(random() * 8000);
      const escalated = random() < 0.05;
      return makeEvent({
        id: `r-${i}`, timestamp: Date.UTC(2026, 10, 18) + Math.floor(random() * 3 * 86_400_000),
        taskType: pick(["classify", "extract", "tool_agent"]), model: escalated ? "gpt-5.4-mini" : pick(["gpt-5.4-mini", "gpt-5.4-nano", "unknown-x"]),
        inputTokens: Math.floor(random() * 9000), outputTokens: Math.floor(random() * 600), latencyMs,
        ttftMs: random() < 0.6 ? Math.floor(random() * latencyMs) : undefined,
        ...(random() < 0.08 ? { status: "error", errorType: pick(["api_error", "aborted"]) } : { errorType: random() < 0.04 ? "malformed_output" : undefined }),
        outcome: random() < 0.5 ? pick(["success", "failure"]) : undefined,
        traceId: random() < 0.2 ? `t-${Math.floor(random() * 30)}` : undefined, toolCount: Math.floor(random() * 8),
        ...(escalated ? { attempt: 2, parentId: `r-${i - 1}`, escalatedFrom: "gpt-5.4-nano" } : {}),
        shadowOf: random() < 0.05 ? `r-${i}-origin` : undefined,
      });
    });
    for (let i = 0; i < events.length; i += 250) await ingestEvents(teamId, events.slice(i, i + 250));
    await applyOutcomes(teamId, Array.from({ length: 10 }, (_, i) => ({ traceId: `t-${i}`, outcome: i % 2 ? ("success" as const) : ("failure" as const) })));

    const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const maintained = await snapshot(seq);
    expect(maintained.hourly.length).toBeGreaterThan(100);
    // Calls the app cancelled are stored as errors but are no model's error (contracts §10).
    const errorTypes = events.map((e) => (e as { errorType?: string }).errorType);
    const aborted = errorTypes.filter((t) => t === "aborted").length;
    const apiErrors = errorTypes.filter((t) => t === "api_error").length;
    expect(aborted).toBeGreaterThan(10);
    const { _sum } = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { errors: true } });
    expect(_sum.errors).toBe(BigInt(apiErrors));
    expect(maintained.sizes.length).toBeGreaterThan(100);
    await rebuildRollups(seq);
    expect(await snapshot(seq)).toEqual(maintained);
  });
});
