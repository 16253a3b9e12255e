// Calls are stored in UTC day partitions the server makes ahead (lib/partitions/calls.ts); an id stays unique
// across them ("CallId"); a day older than every team keeps is dropped whole with what hangs off its calls
// (content and scores are partitioned by day too),
// while a team that keeps less has its own calls deleted row by row, and rollups keep every day.
import { describe, expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db, sqlTransaction } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { DAYS_AHEAD, DAYS_BACK, ensurePartitions, partitionDays, partitionName, startOfUtcDay, type DayTable } from "@/lib/partitions/calls";
import { retentionStep } from "@/lib/retention/sweep";
import { setContentCapture } from "@/lib/teams/mutations";
import { makeEvent, makeOwner } from "@/tests/factories";

const DAY = 86_400_000;
const now = new Date();
const today = startOfUtcDay(now).getTime();
const days = (table: DayTable = "Call") => sqlTransaction((sql) => partitionDays(sql, table)).then((list) => list.map((d) => d.getTime()));
const homeOf = async (seq: number, id: string) =>
  (await db().$queryRaw<{ home: string }[]>`SELECT tableoid::regclass::text AS home FROM "Call" WHERE "teamSeq" = ${seq} AND "id" = ${id}`)[0]?.home;

async function teamKeeping(retentionDays: number, contentRetentionDays: number | null = null) {
  const { team } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  const { seq } = await db().team.update({ where: { id: teamId }, data: { retentionDays, contentRetentionDays }, select: { seq: true } });
  await setContentCapture(teamId, null, true);
  return { teamId, seq };
}

describe("day partitions", () => {
  it("exist from the longest retention (at most DAYS_BACK) to days ahead, once, and leave a day whose calls are in the default partition", async () => {
    const old = await teamKeeping(365);
    await ensurePartitions(now);
    for (const table of ["Call", "CallContent", "Score"] as const) {
      const have = await days(table);
      for (let d = today - DAYS_BACK * DAY; d <= today + DAYS_AHEAD * DAY; d += DAY) expect(have, `${table} ${new Date(d).toISOString()}`).toContain(d);
      // Not a year back ahead of need, even for a team keeping a year: those days get theirs as the server runs through them.
      expect(have.filter((d) => d < today - DAYS_BACK * DAY)).toEqual([]);
    }
    expect(await ensurePartitions(now)).toEqual([]);
    // Two instances' upkeep at once (on PostgreSQL, two connections): each missing day is made once, by one of them.
    const ahead = [today + 2 * DAY, today + 3 * DAY];
    for (const d of ahead) await db().$executeRawUnsafe(`DROP TABLE "${partitionName(new Date(d))}"`);
    const [a, b] = await Promise.all([ensurePartitions(now), ensurePartitions(now)]);
    expect([...a, ...b].map((d) => d.getTime()).sort()).toEqual(ahead);
    // 200 days back: no partition, so into the default partition.
    await ingestEvents(old.teamId, [makeEvent({ id: "ancient", timestamp: today - 200 * DAY + 5000 })]);
    expect(await homeOf(old.seq, "ancient")).toBe('"Call_default"');
    // A day whose partition is missing (here: dropped) keeps its calls in the default partition, and upkeep leaves that day to it.
    const gap = today - 50 * DAY;
    await db().$executeRawUnsafe(`DROP TABLE "${partitionName(new Date(gap))}"`);
    await ingestEvents(old.teamId, [makeEvent({ id: "gap", timestamp: gap + 3_600_000 })]);
    expect(await homeOf(old.seq, "gap")).toBe('"Call_default"');
    expect(await ensurePartitions(now)).toEqual([]);
    expect(await days()).not.toContain(gap);

    // A call lands in its day's partition; its id is a duplicate on any other day.
    const at = today - 3 * DAY + 7 * 3_600_000;
    expect(await ingestEvents(old.teamId, [makeEvent({ id: "x1", timestamp: at })])).toMatchObject({ accepted: 1 });
    expect(await homeOf(old.seq, "x1")).toBe(`"${partitionName(new Date(today - 3 * DAY))}"`);
    expect(await ingestEvents(old.teamId, [makeEvent({ id: "x1", timestamp: today - 30 * DAY, outputTokens: 999 })])).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await db().call.count({ where: { teamSeq: old.seq, id: "x1" } })).toBe(1);
  });

  it("drops a day older than every team keeps with its calls' ids, content, scores and reviews; a team keeping less loses its own rows", async () => {
    const short = await teamKeeping(30, 20);
    const long = await teamKeeping(60, 40);
    await ensurePartitions(now);
    for (const t of [short, long]) {
      await ingestEvents(t.teamId, [10, 45, 70].flatMap((age) => [0, 1, 2].map((i) => makeEvent({
        id: `a${age}-${i}`, timestamp: today - age * DAY + 3_600_000 + i, input: `in ${i}`, output: `out ${i}`,
      }))));
      await db().score.create({ data: { teamSeq: t.seq, callId: "a70-0", ts: new Date(today - 70 * DAY + 3_600_000), evaluatorId: "ev", version: 1, verdict: 1 } });
      await db().score.create({ data: { teamSeq: t.seq, callId: "a45-0", ts: new Date(today - 45 * DAY + 3_600_000), evaluatorId: "ev", version: 1, verdict: 0 } });
      await db().review.create({ data: { teamSeq: t.seq, callId: "a70-1", verdict: 0, seconds: 5 } });
      await db().reviewItem.create({ data: { teamSeq: t.seq, callId: "a45-1", why: "sample" } });
    }
    // Every other team in this file's database keeps 90 days or more: pretend those are gone.
    await db().team.updateMany({ where: { seq: { notIn: [short.seq, long.seq] } }, data: { retentionDays: 1 } });
    const day70 = today - 70 * DAY;
    expect(await days()).toContain(day70);
    const rollupsBefore = await db().callRollup.aggregate({ where: { teamSeq: { in: [short.seq, long.seq] } }, _sum: { calls: true } });

    let payload: Record<string, unknown> = {};
    for (let step = 0; step < 1000; step++) {
      const result = await retentionStep({ teamId: short.teamId, payload }, now);
      payload = result.payload ?? payload;
      if (result.wait) break;
    }
    // Day 70 is past both teams' retention: dropped, as is every day before day 60.
    const have = await days();
    expect(have).not.toContain(day70);
    expect(have.filter((d) => d <= today - 61 * DAY)).toEqual([]);
    expect(have).toContain(today - 45 * DAY);
    expect((await days("Score")).filter((d) => d <= today - 61 * DAY)).toEqual([]);
    // Content: no team keeps more than 40 days of it, so older days' content partitions are gone too.
    expect((await days("CallContent")).filter((d) => d <= today - 41 * DAY)).toEqual([]);
    expect(await days("CallContent")).toContain(today - 10 * DAY);
    const left = async (seq: number) => (await db().call.findMany({ where: { teamSeq: seq }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    expect(await left(short.seq)).toEqual(["a10-0", "a10-1", "a10-2"]);
    // The long team's day 45 is within its 60 days; its day 70 went with the partition.
    expect(await left(long.seq)).toEqual(["a10-0", "a10-1", "a10-2", "a45-0", "a45-1", "a45-2"]);
    for (const t of [short, long]) {
      const kept = await left(t.seq);
      expect((await db().callId.findMany({ where: { teamSeq: t.seq }, select: { id: true } })).map((c) => c.id).sort()).toEqual(kept);
      expect((await db().callContent.findMany({ where: { teamSeq: t.seq }, select: { callId: true } })).map((c) => c.callId).sort()).toEqual(["a10-0", "a10-1", "a10-2"]);
      expect((await db().score.findMany({ where: { teamSeq: t.seq }, select: { callId: true } })).map((c) => c.callId)).toEqual(kept.filter((id) => id === "a45-0"));
      expect(await db().review.count({ where: { teamSeq: t.seq } })).toBe(0);
    }
    expect(await db().reviewItem.count({ where: { teamSeq: short.seq } })).toBe(0);
    expect(await db().reviewItem.count({ where: { teamSeq: long.seq } })).toBe(1);
    // Rollups keep every day; a dropped call's id can be sent again (it is no longer stored).
    const rollupsAfter = await db().callRollup.aggregate({ where: { teamSeq: { in: [short.seq, long.seq] } }, _sum: { calls: true } });
    expect(rollupsAfter._sum.calls).toBe(rollupsBefore._sum.calls);
    expect(await ingestEvents(long.teamId, [makeEvent({ id: "a70-0", timestamp: today - DAY })])).toMatchObject({ accepted: 1 });
  });
});
