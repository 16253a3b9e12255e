// Writes summed rollup rows: counters are added to what is stored, histograms merged by sy_hist_merge.
// The same batch is also folded into the day rows (CallRollupDay), so both grains move together.
import { COUNTERS, type RollupRow } from "@/lib/ingest/rollup";
import { Columns, int8, type Tx } from "@/lib/ingest/sql";

const HOUR_KEY = ["teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"];
const DAY_KEY = ["teamSeq", "day", "taskType", "model", "shadow"];
const HISTS = ["latencyHist", "ttftHist", "tpsHist"] as const;
const TYPES = ["int4", "timestamptz", "text", "text", "bool", "int2", "int2", ...COUNTERS.map(() => "int8"), "jsonb", "jsonb", "jsonb"];

const q = (c: string) => `"${c}"`;

function upsertSet(table: string) {
  return [
    ...COUNTERS.map((c) => `${q(c)} = "${table}".${q(c)} + EXCLUDED.${q(c)}`),
    ...HISTS.map((h) => `${q(h)} = CASE WHEN EXCLUDED.${q(h)} = '{}'::jsonb THEN "${table}".${q(h)} ELSE sy_hist_merge("${table}".${q(h)}, EXCLUDED.${q(h)}) END`),
  ].join(", ");
}

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
  const columns = [...HOUR_KEY, ...COUNTERS, ...HISTS];
  await tx.query(
    `INSERT INTO "CallRollup" (${columns.map(q).join(", ")}) SELECT * FROM ${values.unnest()}
     ON CONFLICT (${HOUR_KEY.map(q).join(", ")}) DO UPDATE SET ${upsertSet("CallRollup")}`,
    values.params,
  );
  const batch = `${values.unnest()} AS b(${columns.map(q).join(", ")})`;
  await tx.query(
    `INSERT INTO "CallRollupDay" (${[...DAY_KEY, ...COUNTERS, ...HISTS].map(q).join(", ")})
     SELECT "teamSeq", date_trunc('day', "hour", 'UTC'), "taskType", "model", "shadow",
            ${COUNTERS.map((c) => `sum(${q(c)})::int8`).join(", ")}, ${HISTS.map((h) => `sy_hist_sum(${q(h)})`).join(", ")}
     FROM ${batch} GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
     ON CONFLICT (${DAY_KEY.map(q).join(", ")}) DO UPDATE SET ${upsertSet("CallRollupDay")}`,
    values.params,
  );
}
