// PostgreSQL only: two processes running the server's job worker on one database, each holding its own
// evaluation job for the team (the race ensureEvaluationJob allows), evaluate each alert once a minute,
// not twice, and a firing reaches the webhook once. Spans one minute boundary, so it takes up to ~70 s.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { createAlert } from "@/lib/alerts/mutations";
import { alertBodySchema } from "@/lib/alerts/schema";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { ingestEvents } from "@/lib/ingest/mutations";
import { makeEvent, makeOwner } from "@/tests/factories";
import { startWebhookReceiver } from "@/tests/support/webhook-receiver";

const MINUTE = 60_000;
const workers: ChildProcess[] = [];

function startWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/worker-main.ts"], { env: process.env, stdio: ["ignore", "pipe", "inherit"] });
  workers.push(child);
  return new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("working") && resolve());
    child.on("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

const stopWorkers = () => {
  for (const w of workers.splice(0)) {
    w.removeAllListeners("exit");
    w.kill("SIGKILL");
  }
};
afterAll(stopWorkers);

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

it("evaluates each alert once a minute with two instances, and announces a firing once", async () => {
  const receiver = await startWebhookReceiver();
  try {
    const { team } = await makeOwner();
    const teamId = checkedTeamId(team.id);
    const now = Date.now();
    await ingestEvents(teamId, Array.from({ length: 100 }, (_, i) => makeEvent({ taskType: "extract", status: "error", timestamp: now - 2 * MINUTE - i * 100 })));
    const channels = [{ type: "webhook", url: receiver.url, secret: "instances-secret-0123456" }];
    for (const body of [
      { name: "Extract errors", kind: "error_rate", scope: { taskType: "extract" }, threshold: { max: 0.05 }, channels },
      { name: "Slow", kind: "latency_p95", threshold: { maxMs: 600_000 } },
      { name: "Unpriced", kind: "unpriced" },
    ]) await createAlert(teamId, {}, alertBodySchema.parse(body));
    // A second evaluation job, as two instances creating it at once can leave.
    await db().job.create({ data: { id: randomUUID(), teamId, kind: "alerts.evaluate", payload: {} } });
    expect(await db().job.count({ where: { teamId, kind: "alerts.evaluate" } })).toBe(2);

    await Promise.all([startWorker(), startWorker()]);
    const evaluatedAt = async () => new Set((await db().alert.findMany({ where: { teamId }, select: { evaluatedAt: true } })).map((a) => a.evaluatedAt?.getTime() ?? null));
    let first = 0;
    await until(async () => {
      const at = [...(await evaluatedAt())];
      first = at.length === 1 && at[0] !== null ? at[0] : 0;
      return first > 0;
    }, 30_000);
    // The next minute's evaluation by whichever instance gets there first; then stop both.
    await until(async () => {
      const at = [...(await evaluatedAt())];
      return at.length === 1 && at[0] === first + MINUTE;
    }, MINUTE + 30_000);
    // Both jobs woke for that minute; each records its step's evaluations when the step ends.
    const evaluations = async () => (await db().job.findMany({ where: { teamId, kind: "alerts.evaluate" }, select: { done: true } })).reduce((n, j) => n + j.done, 0);
    await until(async () => (await evaluations()) >= 6, 10_000);
    await new Promise((r) => setTimeout(r, 2000));
    stopWorkers();
    // Three alerts in each of two minutes: six evaluations between the two jobs, not twelve.
    expect(await evaluations()).toBe(6);
    expect(await db().alertFiring.count({ where: { teamId } })).toBe(1);
    expect(receiver.received.map((r) => JSON.parse(r.body).alert.name)).toEqual(["Extract errors"]);
  } finally {
    await receiver.close();
  }
}, 150_000);
