// The human review queue on the real database: a stratified daily sample plus evaluator failures, items
// held by one reviewer at a time, verdicts that outrank evaluators but never the app, time measured per
// item and turned into review cost, and judge-vs-human agreement.
import { describe, expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { createEvaluator } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { ingestEvents } from "@/lib/ingest/mutations";
import { workUntilIdle } from "@/lib/jobs/worker";
import { applyOutcomes } from "@/lib/outcomes/mutations";
import { getAgreement, getReviewCost } from "@/lib/review/data";
import { recordReview, setReviewSettings } from "@/lib/review/mutations";
import { holdItems, topUp } from "@/lib/review/queue";
import { setContentCapture } from "@/lib/teams/mutations";
import { addMember, makeEvent, makeOwner } from "@/tests/factories";

const now = Date.now();

async function setup(perDay: number) {
  const { team, user } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  await setContentCapture(teamId, user.id, true);
  await setReviewSettings(teamId, user.id, { reviewPerDay: perDay, reviewEvaluatorFailures: true, reviewerHourlyUsd: 60 });
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { team, teamId, user, seq };
}

const call = (id: string, over: Record<string, unknown> = {}) => makeEvent({ id, timestamp: now - 60_000, output: `answer ${id}`, ...over });
const outcomeOf = async (seq: number, id: string) => {
  const c = await db().call.findUniqueOrThrow({ where: { teamSeq_id: { teamSeq: seq, id } } });
  return [c.outcome, c.outcomeSource];
};
/** As if the item had been held open `seconds` ago. */
const heldFor = (seq: number, id: string, seconds: number) => db().$executeRaw`UPDATE "ReviewItem" SET "heldAt" = now() - make_interval(secs => ${seconds}) WHERE "teamSeq" = ${seq} AND "callId" = ${id}`;

describe("review queue", () => {
  it("samples so many calls per task type × model a day, shadow calls included, and never gives two reviewers the same call", async () => {
    const { teamId, user, seq } = await setup(2);
    await ingestEvents(teamId, [
      ...Array.from({ length: 5 }, (_, i) => call(`cm-${i}`, { taskType: "classify", model: "gpt-5.4-mini" })),
      ...Array.from({ length: 5 }, (_, i) => call(`cn-${i}`, { taskType: "classify", model: "gpt-5.4-nano", shadowOf: `cm-${i}` })),
      ...Array.from({ length: 5 }, (_, i) => call(`em-${i}`, { taskType: "extract", model: "gpt-5.4-mini" })),
      call("labelled", { taskType: "summarize", outcome: "success" }), // the app labelled it: nothing to review
      call("no-content", { taskType: "summarize", output: undefined }),
    ]);
    const other = await addMember(teamId, "member");
    const mine = await holdItems(teamId, user.id, 4);
    const theirs = await holdItems(teamId, other.id, 10);
    expect(mine).toHaveLength(4);
    expect(theirs).toHaveLength(2);
    const all = [...mine, ...theirs];
    expect(new Set(all.map((i) => i.callId)).size).toBe(6);
    const strata = all.reduce<Record<string, number>>((n, i) => ({ ...n, [`${i.taskType}|${i.model}|${i.shadow}`]: (n[`${i.taskType}|${i.model}|${i.shadow}`] ?? 0) + 1 }), {});
    expect(strata).toEqual({ "classify|gpt-5.4-mini|false": 2, "classify|gpt-5.4-nano|true": 2, "extract|gpt-5.4-mini|false": 2 });
    expect(all[0].output).toMatch(/^answer /);
    // Asking again holds the same items (and the day's quota is spent): nothing new.
    expect((await holdItems(teamId, user.id, 4)).map((i) => i.callId)).toEqual(mine.map((i) => i.callId));
    await expect(recordReview(teamId, other.id, mine[0].callId, 1, null)).rejects.toMatchObject({ status: 409 });
    expect(await db().reviewItem.count({ where: { teamSeq: seq } })).toBe(6);
  });

  it("tops up past days each to their own quota, however late the top-up runs", async () => {
    const { teamId, seq } = await setup(2);
    const DAY = 86_400_000;
    const today = Math.floor(now / DAY) * DAY;
    const days = [today - 3 * DAY, today - 2 * DAY];
    await ingestEvents(teamId, days.flatMap((d, k) => Array.from({ length: 4 }, (_, i) => call(`d${k}-${i}`, { timestamp: d + 3_600_000 + i, taskType: "classify" }))));
    for (const d of days) await topUp(teamId, new Date(d + DAY / 2));
    for (const d of days) await topUp(teamId, new Date(d + DAY / 2)); // again: each day's quota is already met
    const items = await db().reviewItem.findMany({ where: { teamSeq: seq }, select: { callId: true } });
    expect(items.map((i) => i.callId.slice(0, 2)).sort()).toEqual(["d0", "d0", "d1", "d1"]);
  });

  it("sets the outcome from a verdict (over an evaluator's, never over the app's), with the time it took and its cost", async () => {
    const { teamId, user, seq } = await setup(10);
    await createEvaluator(teamId, { userId: user.id }, evaluatorBodySchema.parse({ name: "says ok", kind: "contains", config: { text: "ok", mustContain: true } }));
    await ingestEvents(teamId, [call("a", { output: "ok" }), call("b", { output: "nope" }), call("c", { output: "ok" })]);
    await workUntilIdle();
    expect(await outcomeOf(seq, "b")).toEqual([0, 3]);
    const held = await holdItems(teamId, user.id);
    expect(held.map((i) => [i.callId, i.why]).sort()).toEqual([["a", "sample"], ["b", "sample"], ["c", "sample"]]);

    await heldFor(seq, "b", 30);
    const { seconds } = await recordReview(teamId, user.id, "b", 1, "the evaluator is too strict");
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThan(40);
    expect(await outcomeOf(seq, "b")).toEqual([1, 2]);
    // The evaluator running again does not take the reviewer's label back.
    await db().evalPending.create({ data: { teamSeq: seq, callIds: ["b"] } });
    await workUntilIdle();
    expect(await outcomeOf(seq, "b")).toEqual([1, 2]);

    // The app labels "c" while it waits: the review that follows is kept but does not change the outcome.
    await applyOutcomes(teamId, [{ callId: "c", outcome: "success" }]);
    // Time on "c" counts from the later of its hold and the previous verdict: both 30 s ago.
    await heldFor(seq, "c", 30);
    await db().$executeRaw`UPDATE "Review" SET "at" = now() - interval '30 seconds' WHERE "teamSeq" = ${seq}`;
    await recordReview(teamId, user.id, "c", 0, null);
    expect(await outcomeOf(seq, "c")).toEqual([1, null]);
    expect((await db().review.findUniqueOrThrow({ where: { teamSeq_callId: { teamSeq: seq, callId: "c" } } })).seconds).toBeGreaterThanOrEqual(30);
    // A skip: no verdict, no label, out of the queue; it took no time since the verdict before it.
    await heldFor(seq, "a", 300);
    expect((await recordReview(teamId, user.id, "a", null, null)).seconds).toBeLessThan(5);
    expect(await outcomeOf(seq, "a")).toEqual([1, 3]);
    await expect(recordReview(teamId, user.id, "a", 1, null)).rejects.toMatchObject({ status: 404 });

    // Two verdicts of ~30 s at $60 an hour: $0.50 a review.
    const cost = await getReviewCost(teamId);
    expect(cost.reviews).toBe(2);
    expect(cost.costPerReviewUsd!).toBeGreaterThan(0.49);
    expect(cost.costPerReviewUsd!).toBeLessThan(0.67);

    // Rollups moved with every change.
    const [c] = await db().$queryRaw<{ s: bigint; f: bigint }[]>`SELECT count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1)::int8 AS s, count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)::int8 AS f FROM "Call" WHERE "teamSeq" = ${seq}`;
    const [r] = await db().$queryRaw<{ s: bigint; f: bigint }[]>`SELECT sum("success")::int8 AS s, sum("failure")::int8 AS f FROM "CallRollup" WHERE "teamSeq" = ${seq}`;
    expect([Number(r.s), Number(r.f)]).toEqual([Number(c.s), Number(c.f)]);
  });

  it("queues every call an evaluator failed, and measures how far the evaluator agrees with reviewers", async () => {
    const { teamId, user, seq } = await setup(0);
    const { id } = await createEvaluator(teamId, { userId: user.id }, evaluatorBodySchema.parse({ name: "says ok", kind: "contains", config: { text: "ok", mustContain: true } }));
    await ingestEvents(teamId, Array.from({ length: 8 }, (_, i) => call(`x-${i}`, { output: i < 4 ? "ok" : "bad" })));
    await workUntilIdle();
    // Only the four failures are queued (the daily sample is 0).
    const held = await holdItems(teamId, user.id);
    expect(held.map((i) => i.callId).sort()).toEqual(["x-4", "x-5", "x-6", "x-7"]);
    // Reviewers agree on three of them and pass one the evaluator failed.
    for (const item of held) await recordReview(teamId, user.id, item.callId, item.callId === "x-7" ? 1 : 0, null);
    const [row] = await getAgreement(teamId);
    expect(row).toMatchObject({ evaluatorId: id, name: "says ok", taskType: "classify", n: 4, agreement: 0.75 });
    // The evaluator failed all four: chance agreement is the human fail rate (3/4) and kappa is 0.
    expect(row.kappa).toBeCloseTo(0, 12);
    expect(await db().review.count({ where: { teamSeq: seq } })).toBe(4);
  });
});
