// A price edit commits at once and its re-pricing runs in chunks afterwards: the result equals pricing every
// call from scratch, calls ingested meanwhile get the new price, and an interrupted job resumes.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { setPrice } from "@/lib/pricing/mutations";
import { repriceNextChunk, runRepricing } from "@/lib/pricing/reprice";
import { makeEvent, makeOwner } from "@/tests/factories";

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 10);

async function state(seq: number) {
  const calls = await db().call.findMany({ where: { teamSeq: seq }, select: { id: true, costNanos: true }, orderBy: { id: "asc" } });
  const rollup = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { costNanos: true, unpriced: true } });
  const day = await db().callRollupDay.aggregate({ where: { teamSeq: seq }, _sum: { costNanos: true, unpriced: true } });
  return { calls, rollup: rollup._sum, day: day._sum };
}

describe("re-pricing in chunks", () => {
  it("equals pricing from scratch, moves only calls from the effective date, and resumes after an interruption", async () => {
    const { team, user } = await makeOwner();
    const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
    const events = Array.from({ length: 400 }, (_, i) => makeEvent({
      id: `c-${i}`, timestamp: START + (i % 80) * HOUR + i, model: i % 3 ? "gpt-5.4-mini" : "gpt-5.4-nano", inputTokens: 1000 + i, outputTokens: 100 + (i % 7),
    }));
    await ingestEvents(team.id, events);
    const before = await state(seq);

    const effective = new Date(START + 30 * HOUR);
    await setPrice(team.id, user.id, { model: "gpt-5.4-mini", effectiveFrom: effective, input: 300_000n, output: 1_200_000n, cachedInput: null });
    // Nothing is re-priced by the edit itself: it only queues the job.
    expect(await state(seq)).toEqual(before);
    // A call ingested now is priced from the new catalog at once.
    await ingestEvents(team.id, [makeEvent({ id: "late", timestamp: START + 70 * HOUR + 5, inputTokens: 1_000_000, outputTokens: 0 })]);
    expect((await db().call.findUniqueOrThrow({ where: { teamSeq_id: { teamSeq: seq, id: "late" } } })).costNanos).toBe(300_000_000n);

    // A few small chunks, then a "restart": the job picks up where it stopped.
    for (let i = 0; i < 3; i++) expect(await repriceNextChunk(40)).toBe(true);
    const job = await db().repriceJob.findFirstOrThrow({ where: { teamSeq: seq } });
    expect(job.finishedAt).toBeNull();
    expect(job.cursor.getTime()).toBeGreaterThan(effective.getTime());
    await runRepricing();
    expect((await db().repriceJob.findFirstOrThrow({ where: { teamSeq: seq } })).finishedAt).not.toBeNull();

    const after = await state(seq);
    const cost = (e: (typeof events)[number]) => {
      const mini = e.model === "gpt-5.4-mini";
      const [input, output] = mini && Number(e.timestamp) >= effective.getTime() ? [300_000n, 1_200_000n] : mini ? [400_000n, 1_600_000n] : [100_000n, 400_000n];
      return (BigInt(e.inputTokens) * input + BigInt(e.outputTokens) * output + 500n) / 1000n;
    };
    const expected = [...events.map((e) => ({ id: e.id, costNanos: cost(e) })), { id: "late", costNanos: 300_000_000n }].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(after.calls).toEqual(expected);
    const total = expected.reduce((n, c) => n + c.costNanos, 0n);
    expect([after.rollup.costNanos, after.day.costNanos]).toEqual([total, total]);
  });
});
