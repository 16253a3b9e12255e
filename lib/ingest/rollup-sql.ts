// Writes summed rollup rows: counters are added to what is stored, histograms merged by sy_hist_merge.
import { COUNTERS, type RollupRow } from "@/lib/ingest/rollup";
import { Columns, int8, type Tx } from "@/lib/ingest/sql";

const KEY = ["teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"];
const HISTS = ["latencyHist", "ttftHist", "tpsHist"] as const;
const COLUMNS = [...KEY, ...COUNTERS, ...HISTS];
const TYPES = ["int4", "timestamptz", "text", "text", "bool", "int2", "int2", ...COUNTERS.map(() => "int8"), "jsonb", "jsonb", "jsonb"];

const q = (c: string) => `"${c}"`;

export async function writeRollups(tx: Tx, teamSeq: number, rows: RollupRow[]) {
  if (!rows.length) return;
  const values = new Columns(TYPES);
  for (const r of rows) {
    values.add([
      teamSeq, r.hour.toISOString(), r.taskType, r.model, r.shadow, r.contextBucket, r.toolCount,
      ...COUNTERS.map((c) => int8(r[c])),
      ...HISTS.map((h) => JSON.stringify(r[h])),
    ]);
  }
  const updates = [
    ...COUNTERS.map((c) => `${q(c)} = "CallRollup".${q(c)} + EXCLUDED.${q(c)}`),
    ...HISTS.map((h) => `${q(h)} = CASE WHEN EXCLUDED.${q(h)} = '{}'::jsonb THEN "CallRollup".${q(h)} ELSE sy_hist_merge("CallRollup".${q(h)}, EXCLUDED.${q(h)}) END`),
  ];
  await tx.query(
    `INSERT INTO "CallRollup" (${COLUMNS.map(q).join(", ")}) SELECT * FROM ${values.unnest()}
     ON CONFLICT (${KEY.map(q).join(", ")}) DO UPDATE SET ${updates.join(", ")}`,
    values.params,
  );
}
