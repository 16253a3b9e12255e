// New calls: ingest notes each batch's new ids in EvalPending when the team has an enabled evaluator; the
// worker takes waiting batches (SKIP LOCKED, so instances share the work), evaluates them and removes them
// in one transaction, so a crash leaves the batches waiting rather than half done. An LLM judge is never
// called here (no network inside a transaction): its calls are handed to a judge job queued in the same
// transaction (judge-job.ts).
import { sqlTransaction } from "@/lib/db";
import { enabledEvaluators } from "@/lib/evaluators/data";
import { queueJudging } from "@/lib/evaluators/judge-job";
import { evaluateCalls } from "@/lib/evaluators/run";

export const PENDING_BATCH = 1000;

/** Evaluates waiting batches, oldest first, until about `limit` calls; returns how many calls it took (0: none waiting). */
export async function drainPending(limit = PENDING_BATCH): Promise<number> {
  return sqlTransaction(async (tx) => {
    const byTeam = new Map<number, string[]>();
    let taken = 0;
    while (taken < limit) {
      const [row] = await tx.query<{ teamSeq: number; callIds: string[] | null }>(
        `DELETE FROM "EvalPending" WHERE "id" = (SELECT "id" FROM "EvalPending" ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING "teamSeq", "callIds"`,
      );
      if (!row) break;
      const ids = byTeam.get(Number(row.teamSeq)) ?? [];
      ids.push(...(row.callIds ?? []));
      byTeam.set(Number(row.teamSeq), ids);
      taken += row.callIds?.length ?? 0;
    }
    for (const [seq, ids] of [...byTeam].sort(([a], [b]) => a - b)) {
      const evaluators = await enabledEvaluators(tx, seq);
      const checked = evaluators.filter((e) => e.kind !== "llm_judge");
      ids.sort();
      if (checked.length) {
        await evaluateCalls(tx, seq, checked, ids);
      }
      for (const judge of evaluators.filter((e) => e.kind === "llm_judge")) await queueJudging(tx, seq, judge, ids);
    }
    return taken;
  });
}
