// New calls: ingest notes them in EvalPending when the team has an enabled evaluator; the worker takes a
// batch (SKIP LOCKED, so instances share the work), evaluates it and removes it in one transaction, so a
// crash leaves the batch waiting rather than half done. An LLM judge is never called here (no network
// inside a transaction): its calls are handed to a judge job queued in the same transaction (judge-job.ts).
import { sqlTransaction } from "@/lib/db";
import { enabledEvaluators } from "@/lib/evaluators/data";
import { queueJudging } from "@/lib/evaluators/judge-job";
import { evaluateCalls } from "@/lib/evaluators/run";

export const PENDING_BATCH = 1000;

/** Evaluates one batch of waiting calls; returns how many calls it took (0: none waiting). */
export async function drainPending(limit = PENDING_BATCH): Promise<number> {
  return sqlTransaction(async (tx) => {
    const taken = await tx.query<{ teamSeq: number; callId: string }>(
      `DELETE FROM "EvalPending" WHERE ("teamSeq", "callId") IN (
         SELECT "teamSeq", "callId" FROM "EvalPending" ORDER BY "teamSeq" LIMIT $1 FOR UPDATE SKIP LOCKED
       ) RETURNING "teamSeq", "callId"`,
      [limit],
    );
    const byTeam = new Map<number, string[]>();
    for (const t of taken) byTeam.set(Number(t.teamSeq), [...(byTeam.get(Number(t.teamSeq)) ?? []), t.callId]);
    for (const [seq, ids] of [...byTeam].sort(([a], [b]) => a - b)) {
      const evaluators = await enabledEvaluators(tx, seq);
      const checked = evaluators.filter((e) => e.kind !== "llm_judge");
      ids.sort();
      if (checked.length) {
        await evaluateCalls(tx, seq, checked, ids);
      }
      for (const judge of evaluators.filter((e) => e.kind === "llm_judge")) await queueJudging(tx, seq, judge, ids);
    }
    return taken.length;
  });
}
