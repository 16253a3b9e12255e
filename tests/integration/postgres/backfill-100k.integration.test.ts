// PostgreSQL only (the size is what matters, and the embedded database would spend minutes loading it): a
// backfill over 100,000 stored calls with captured output runs as a job whose progress climbs step by step to
// its total, scores every call once, and moves the rollups by exactly its verdicts.
import { expect, it } from "vitest";
import { checkedTeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { startBackfill } from "@/lib/evaluators/backfill";
import { createEvaluator } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { ingestEvents } from "@/lib/ingest/mutations";
import { getJob } from "@/lib/jobs/queue";
import { workOnce } from "@/lib/jobs/worker";
import { setContentCapture } from "@/lib/teams/mutations";
import { makeOwner } from "@/tests/factories";

const CALLS = 100_000;

it("backfills 100,000 calls as a job with progress to the last call", { timeout: 240_000 }, async () => {
  const { team, user } = await makeOwner();
  const teamId = checkedTeamId(team.id);
  await setContentCapture(teamId, user.id, true);
  const now = Date.now();
  for (let i = 0; i < CALLS; i += 1000) {
    await ingestEvents(teamId, Array.from({ length: 1000 }, (_, j) => {
      const n = i + j;
      // Every seventh answer forgets the refund.
      return { id: `c-${n}`, timestamp: now - 3_600_000 + (n % 3_000_000), taskType: "support", model: n % 2 ? "gpt-5.4-nano" : "gpt-5.4-mini",
        inputTokens: 300, outputTokens: 30, latencyMs: 500, status: "ok", output: n % 7 === 0 ? "We are looking into it." : "A refund is on its way." };
    }));
  }
  const { id } = await createEvaluator(teamId, { userId: user.id }, evaluatorBodySchema.parse({ name: "refund", kind: "contains", config: { text: "refund", mustContain: true } }));
  const jobId = await startBackfill(teamId, id, new Date(now - 2 * 3_600_000), new Date(now + 3_600_000));
  expect(await getJob(teamId, jobId)).toMatchObject({ state: "queued", done: 0, total: CALLS });

  const progress: number[] = [];
  while (await workOnce()) progress.push((await getJob(teamId, jobId))!.done);
  expect(progress.length).toBeGreaterThanOrEqual(CALLS / 5000); // one step per 5,000 calls
  expect(progress.every((done, i) => i === 0 || done >= progress[i - 1])).toBe(true);
  expect(progress.some((done) => done > 0 && done < CALLS)).toBe(true);
  expect(await getJob(teamId, jobId)).toMatchObject({ state: "done", done: CALLS, total: CALLS });

  const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId } });
  const failing = Math.ceil(CALLS / 7);
  const [scores] = await db().$queryRaw<{ n: bigint; fail: bigint }[]>`
    SELECT count(*)::int8 AS n, count(*) FILTER (WHERE "verdict" = 0)::int8 AS fail FROM "Score" WHERE "teamSeq" = ${seq}`;
  expect([Number(scores.n), Number(scores.fail)]).toEqual([CALLS, failing]);
  const rollups = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { success: true, failure: true } });
  expect(rollups._sum).toEqual({ success: BigInt(CALLS - failing), failure: BigInt(failing) });
});
