// Writes a batch's summed rollup rows: counters are added to what is stored, histograms merged by
// sy_hist_merge. The same batch, summed per day in JS, goes to the day rows (CallRollupDay), and its
// task-size rows to CallTaskSize, so every grain moves together.
import { mergeHistograms } from "@/lib/rollups/histogram";
import { COUNTERS, SIZE_COUNTERS, type RollupBatch, type RollupRow, type SizeRow } from "@/lib/rollups/batch";
import { Columns, int8, type Tx } from "@/lib/ingest/sql";

const HOUR_KEY = ["teamSeq", "hour", "taskType", "model", "shadow", "contextBucket", "toolCount"];
const DAY_KEY = ["teamSeq", "day", "taskType", "model", "shadow"];
const HISTS = ["latencyHist", "ttftHist", "tpsHist"] as const;
const HOUR_TYPES = ["int4", "timestamptz", "text", "text", "bool", "int2", "int2"];
const DAY_TYPES = ["int4", "timestamptz", "text", "text", "bool"];

const q = (c: string) => `"${c}"`;

function upsertSet(table: string) {
  return [
    ...COUNTERS.map((c) => `${q(c)} = "${table}".${q(c)} + EXCLUDED.${q(c)}`),
    ...HISTS.map((h) => `${q(h)} = CASE WHEN EXCLUDED.${q(h)} = '{}'::jsonb THEN "${table}".${q(h)} ELSE sy_hist_merge("${table}".${q(h)}, EXCLUDED.${q(h)}) END`),
  ].join(", ");
}

const DAY_MS = 86_400_000;

/** The batch's hourly rows summed per UTC day, task type, model and shadow flag, in key order. Pure. */
export function dayRows(rows: RollupRow[]) {
  const days = new Map<string, RollupRow & { day: Date }>();
  for (const r of rows) {
    const day = new Date(Math.floor(r.hour.getTime() / DAY_MS) * DAY_MS);
    const k = `${day.getTime()}|${r.taskType}|${r.model}|${r.shadow ? 1 : 0}`;
    const d = days.get(k);
    if (!d) {
      days.set(k, { ...r, day, latencyHist: { ...r.latencyHist }, ttftHist: { ...r.ttftHist }, tpsHist: { ...r.tpsHist } });
      continue;
    }
    for (const c of COUNTERS) d[c] += r[c];
    for (const h of HISTS) d[h] = mergeHistograms(d[h], r[h]);
  }
  return [...days.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, d]) => d);
}

async function upsert(tx: Tx, table: "CallRollup" | "CallRollupDay", key: string[], types: string[], keyValues: (r: RollupRow & { day?: Date }) => unknown[], rows: (RollupRow & { day?: Date })[]) {
  const values = new Columns([...types, ...COUNTERS.map(() => "int8"), "jsonb", "jsonb", "jsonb"]);
  for (const r of rows) values.add([...keyValues(r), ...COUNTERS.map((c) => int8(r[c])), ...HISTS.map((h) => JSON.stringify(r[h]))]);
  await tx.query(
    `INSERT INTO "${table}" (${[...key, ...COUNTERS, ...HISTS].map(q).join(", ")}) SELECT * FROM ${values.unnest()}
     ON CONFLICT (${key.map(q).join(", ")}) DO UPDATE SET ${upsertSet(table)}`,
    values.params,
  );
}

async function upsertSizes(tx: Tx, teamSeq: number, rows: SizeRow[]) {
  const values = new Columns(["int4", "int4", "timestamptz", "text", "text", "int2", ...SIZE_COUNTERS.map(() => "int8")]);
  for (const r of rows) values.add([teamSeq, r.contextTokens, r.day.toISOString(), r.taskType, r.model, r.toolCount, ...SIZE_COUNTERS.map((c) => int8(r[c]))]);
  const key = ["teamSeq", "contextTokens", "day", "taskType", "model", "toolCount"];
  await tx.query(
    `INSERT INTO "CallTaskSize" (${[...key, ...SIZE_COUNTERS].map(q).join(", ")}) SELECT * FROM ${values.unnest()}
     ON CONFLICT (${key.map(q).join(", ")}) DO UPDATE SET ${SIZE_COUNTERS.map((c) => `${q(c)} = "CallTaskSize".${q(c)} + EXCLUDED.${q(c)}`).join(", ")}`,
    values.params,
  );
}

export async function writeRollups(tx: Tx, teamSeq: number, batch: RollupBatch) {
  const rows = batch.sorted();
  if (rows.length) {
    await upsert(tx, "CallRollup", HOUR_KEY, HOUR_TYPES, (r) => [teamSeq, r.hour.toISOString(), r.taskType, r.model, r.shadow, r.contextBucket, r.toolCount], rows);
    await upsert(tx, "CallRollupDay", DAY_KEY, DAY_TYPES, (r) => [teamSeq, r.day!.toISOString(), r.taskType, r.model, r.shadow], dayRows(rows));
  }
  const sizes = batch.sortedSizes();
  if (sizes.length) await upsertSizes(tx, teamSeq, sizes);
}
