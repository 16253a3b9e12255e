// Production first attempts per day at their exact context size (CallTaskSize), added in the ingest
// transaction; the simulator reads them where a threshold splits a context bucket of the rollups.
import { Columns, type Tx } from "@/lib/ingest/sql";

type Task = { ts: Date; taskType: string; model: string; shadow: boolean; attempt: number; contextTokens: number; toolCount: number; inputTokens: number; outputTokens: number };

const DAY_MS = 86_400_000;

export async function writeTaskSizes(tx: Tx, teamSeq: number, calls: Task[]) {
  const sums = new Map<string, { key: [number, string, string, string, number]; tasks: number; input: number; output: number }>();
  for (const c of calls) {
    if (c.shadow || c.attempt !== 1) continue;
    const day = new Date(Math.floor(c.ts.getTime() / DAY_MS) * DAY_MS).toISOString();
    const toolCount = Math.min(c.toolCount, 32_767);
    const k = `${c.contextTokens}|${day}|${c.taskType}|${c.model}|${toolCount}`;
    const s = sums.get(k) ?? { key: [c.contextTokens, day, c.taskType, c.model, toolCount], tasks: 0, input: 0, output: 0 };
    s.tasks += 1;
    s.input += c.inputTokens;
    s.output += c.outputTokens;
    sums.set(k, s);
  }
  if (!sums.size) return;
  const values = new Columns(["int4", "int4", "timestamptz", "text", "text", "int2", "int8", "int8", "int8"]);
  // Primary-key order: concurrent batches lock rows in the same order, and the index is walked in sequence.
  const order = (x: (typeof sums extends Map<string, infer V> ? V : never)["key"], y: typeof x) =>
    x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0) || (x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0) || x[4] - y[4];
  for (const s of [...sums.values()].sort((a, b) => order(a.key, b.key))) values.add([teamSeq, ...s.key, s.tasks, s.input, s.output]);
  await tx.query(
    `INSERT INTO "CallTaskSize" ("teamSeq", "contextTokens", "day", "taskType", "model", "toolCount", "tasks", "inputTokens", "outputTokens")
     SELECT * FROM ${values.unnest()}
     ON CONFLICT ("teamSeq", "contextTokens", "day", "taskType", "model", "toolCount") DO UPDATE SET
       "tasks" = "CallTaskSize"."tasks" + EXCLUDED."tasks", "inputTokens" = "CallTaskSize"."inputTokens" + EXCLUDED."inputTokens",
       "outputTokens" = "CallTaskSize"."outputTokens" + EXCLUDED."outputTokens"`,
    values.params,
  );
}
