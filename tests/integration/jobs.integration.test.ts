// The durable job queue on the real database: steps run in order with progress, a step that throws is
// retried later with backoff and fails for good after MAX_ATTEMPTS, an expired lease (a server that
// stopped mid-step) is taken up again, a cancelled job runs no further step, two workers never share a job.
import { describe, expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { cancelJob, enqueueJob, getJob, MAX_ATTEMPTS, runOneStep, type Handler } from "@/lib/jobs/queue";
import { makeOwner } from "@/tests/factories";

async function team() {
  const { team } = await makeOwner();
  return checkedTeamId(team.id);
}

/** Makes every queued job runnable now (backoff skipped), as time passing would. */
const elapse = () => db().$executeRaw`UPDATE "Job" SET "runAt" = now() - interval '1 second'`;

describe("job queue", () => {
  it("runs a job step by step to done, carrying its cursor and counting progress", async () => {
    const teamId = await team();
    const seen: number[] = [];
    const count: Handler = async (job) => {
      const at = Number(job.payload.at ?? 0);
      seen.push(at);
      return { done: 10, payload: { at: at + 1 }, finished: at === 2 };
    };
    const id = await enqueueJob(teamId, "count", {}, 30);
    while (await runOneStep({ count }));
    expect(seen).toEqual([0, 1, 2]);
    expect(await getJob(teamId, id)).toMatchObject({ state: "done", done: 30, total: 30, attempts: 0 });
  });

  it("retries a failing step with backoff and fails the job after MAX_ATTEMPTS", async () => {
    const teamId = await team();
    let calls = 0;
    const flaky: Handler = async () => {
      calls += 1;
      throw new Error("judge unreachable");
    };
    const id = await enqueueJob(teamId, "flaky", {});
    expect(await runOneStep({ flaky })).toBe(true);
    const after = await getJob(teamId, id);
    expect(after).toMatchObject({ state: "queued", attempts: 1, error: "judge unreachable" });
    // Backing off: not runnable again at once.
    expect(await runOneStep({ flaky })).toBe(false);
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      await elapse();
      await runOneStep({ flaky });
    }
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(await getJob(teamId, id)).toMatchObject({ state: "failed", attempts: MAX_ATTEMPTS });
    await elapse();
    expect(await runOneStep({ flaky })).toBe(false);
  });

  it("keeps a step's progress when it asks to retry (attempts counted afresh after progress) or to wait until a time", async () => {
    const teamId = await team();
    const results = [
      { done: 2, finished: false, retry: "judge down" },
      { done: 0, finished: false, retry: "judge still down" },
      { done: 1, finished: false, wait: { until: new Date(Date.now() + 3_600_000), reason: "daily cap reached" } },
      { done: 1, finished: true, message: "1 call skipped" },
    ];
    const step: Handler = async () => results.shift()!;
    const id = await enqueueJob(teamId, "step", {}, 4);
    await runOneStep({ step });
    expect(await getJob(teamId, id)).toMatchObject({ state: "queued", done: 2, attempts: 1, error: "judge down" });
    expect(await runOneStep({ step })).toBe(false); // backing off
    await elapse();
    await runOneStep({ step });
    expect(await getJob(teamId, id)).toMatchObject({ state: "queued", done: 2, attempts: 2, error: "judge still down" });
    await elapse();
    await runOneStep({ step });
    expect(await getJob(teamId, id)).toMatchObject({ state: "queued", done: 3, attempts: 0, error: "daily cap reached" });
    const { runAt } = await db().job.findUniqueOrThrow({ where: { id } });
    expect(runAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await runOneStep({ step })).toBe(false);
    await elapse();
    await runOneStep({ step });
    expect(await getJob(teamId, id)).toMatchObject({ state: "done", done: 4, attempts: 0, error: "1 call skipped" });
  });

  it("takes up a job whose lease expired (its server stopped mid-step), and never one another worker holds", async () => {
    const teamId = await team();
    const id = await enqueueJob(teamId, "once", {});
    await db().$executeRaw`UPDATE "Job" SET "state" = 'running', "lockedUntil" = now() + interval '1 minute' WHERE "id" = ${id}`;
    const once: Handler = async () => ({ done: 1, finished: true });
    expect(await runOneStep({ once })).toBe(false);
    await db().$executeRaw`UPDATE "Job" SET "lockedUntil" = now() - interval '1 second' WHERE "id" = ${id}`;
    expect(await runOneStep({ once })).toBe(true);
    expect(await getJob(teamId, id)).toMatchObject({ state: "done", done: 1 });
  });

  it("runs no further step of a cancelled job, and cancels only its own team's jobs", async () => {
    const teamId = await team();
    const other = await team();
    const step: Handler = async () => ({ done: 1, finished: false });
    const id = await enqueueJob(teamId, "step", {});
    await runOneStep({ step });
    expect(await cancelJob(other, id)).toBe(false);
    expect(await cancelJob(teamId, id)).toBe(true);
    expect(await runOneStep({ step })).toBe(false);
    expect(await getJob(teamId, id)).toMatchObject({ state: "cancelled", done: 1 });
    expect(await getJob(other, id)).toBeNull();
  });

  it("gives two concurrent workers two different jobs", async () => {
    const teamId = await team();
    await enqueueJob(teamId, "slow", {});
    await enqueueJob(teamId, "slow", {});
    const ran: string[] = [];
    const slow: Handler = async (job) => {
      ran.push(job.id);
      await new Promise((r) => setTimeout(r, 50));
      return { done: 1, finished: true };
    };
    await Promise.all([runOneStep({ slow }), runOneStep({ slow })]);
    expect(new Set(ran).size).toBe(ran.length);
    expect(ran).toHaveLength(2);
  });
});
