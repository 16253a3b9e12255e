import { describe, expect, it } from "vitest";
import { GroupCommit, GROUPS_IN_FLIGHT, MAX_GROUP_EVENTS } from "@/lib/ingest/group-commit";

type E = { id: string };
const ids = (prefix: string, n: number): E[] => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

/** A store over a set of ids, whose writes finish only when released; it records each group it was given. */
function fakeStore(fails: (events: E[]) => boolean = () => false) {
  const stored = new Set<string>();
  const groups: string[][] = [];
  const held: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const store = async (_key: string, events: E[]) => {
    groups.push(events.map((e) => e.id));
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((resolve) => held.push(resolve));
    inFlight -= 1;
    if (fails(events)) throw new Error("refused");
    const fresh = new Set(events.filter((e) => !stored.has(e.id)).map((e) => e.id));
    for (const id of fresh) stored.add(id);
    return fresh;
  };
  const releaseAll = async () => {
    while (held.length || inFlight) {
      held.splice(0).forEach((r) => r());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { store, stored, groups, releaseAll, maxInFlight: () => maxInFlight };
}

describe("GroupCommit", () => {
  it("stores batches that arrive while earlier ones are in flight as one group, each told only its own new events", async () => {
    const s = fakeStore();
    const commit = new GroupCommit<E>(s.store);
    const early = Array.from({ length: GROUPS_IN_FLIGHT }, (_, i) => commit.add("team", ids(`early${i}-`, 3)));
    // These wait for a write to finish and then go together; b repeats two of a's ids.
    const a = commit.add("team", [...ids("x", 5)]);
    const b = commit.add("team", [...ids("x", 2), ...ids("y", 4)]);
    await s.releaseAll();
    expect(await Promise.all(early)).toEqual(early.map(() => 3));
    expect(await a).toBe(5);
    expect(await b).toBe(4);
    expect(s.groups.length).toBe(GROUPS_IN_FLIGHT + 1);
    expect(s.groups.at(-1)).toEqual(["x0", "x1", "x2", "x3", "x4", "y0", "y1", "y2", "y3"]);
    expect(s.maxInFlight()).toBe(GROUPS_IN_FLIGHT);
  });

  it("keeps keys apart and groups no more than MAX_GROUP_EVENTS events", async () => {
    const s = fakeStore();
    const commit = new GroupCommit<E>(s.store);
    const first = Array.from({ length: GROUPS_IN_FLIGHT }, (_, i) => commit.add("one", ids(`f${i}-`, 1)));
    const big = Array.from({ length: 6 }, (_, i) => commit.add("one", ids(`big${i}-`, 1000)));
    const other = commit.add("two", ids("o", 1));
    await s.releaseAll();
    await Promise.all([...first, ...big, other]);
    const sizes = s.groups.map((g) => g.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_GROUP_EVENTS);
    expect(sizes.filter((n) => n >= 1000).reduce((a, b) => a + b, 0)).toBe(6000);
    expect(s.groups.some((g) => g.includes("o0") && g.length === 1)).toBe(true);
  });

  it("tries each batch of a failed group again on its own, so only the failing one fails", async () => {
    const s = fakeStore((events) => events.some((e) => e.id === "bad"));
    const commit = new GroupCommit<E>(s.store);
    const first = Array.from({ length: GROUPS_IN_FLIGHT }, (_, i) => commit.add("team", ids(`f${i}-`, 1)));
    const good = commit.add("team", ids("g", 3));
    const bad = commit.add("team", [{ id: "bad" }]).catch((err: Error) => err.message);
    const after = commit.add("team", ids("h", 2));
    await s.releaseAll();
    await Promise.all(first);
    expect(await good).toBe(3);
    expect(await bad).toBe("refused");
    expect(await after).toBe(2);
    expect([...s.stored].filter((id) => /^[gh]/.test(id)).sort()).toEqual(["g0", "g1", "g2", "h0", "h1"]);
  });
});
