// npm run bench:partitions (PostgreSQL): day or week partitions for "Call"? BENCH_CALLS (10M unless said) calls
// over 90 days are loaded into "Call" (day partitions, as the server makes them) and copied into a table of the
// same columns and indexes partitioned by week; then, on each: a call by id (no time known, every partition
// probed), the first page of a day and of 30 days, a run by trace id, 1000-call inserts, and removing the
// oldest day (a day partition is dropped; in a week partition its rows are deleted in batches).
import pg from "pg";
import { closeDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { ensurePartitions } from "@/lib/partitions/calls";
import { loadCalls } from "./analytics-data";
import { databaseUrl, sql as admin } from "./server";

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000_000);
const RUNS = 200;
const INDEXES = [
  `("teamSeq", "id")`, `("teamSeq", "ts")`, `("teamSeq", "traceId") WHERE "traceId" IS NOT NULL`,
  `("teamSeq", "ts") WHERE "policyVersion" IS NOT NULL`, `("teamSeq", "taskType", "ts") WHERE "traceId" IS NOT NULL AND "stepIndex" IS NOT NULL`,
];
const log = (s: string) => console.log(s);

async function timed(client: pg.Client, runs: number, query: (i: number) => [string, unknown[]]) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [text, params] = query(i);
    const t = performance.now();
    await client.query(text, params);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return `p50 ${ms[Math.floor(runs / 2)].toFixed(2)} ms, p95 ${ms[Math.floor(runs * 0.95)].toFixed(2)} ms`;
}

async function weekly(client: pg.Client) {
  await client.query(`CREATE TABLE "CallWeekly" (LIKE "Call" INCLUDING DEFAULTS) PARTITION BY RANGE ("ts")`);
  const { rows } = await client.query(`SELECT DISTINCT date_trunc('week', "ts", 'UTC') AS w FROM "Call" ORDER BY 1`);
  for (const { w } of rows as { w: Date }[]) {
    const to = new Date(w.getTime() + 7 * 86_400_000);
    await client.query(`CREATE TABLE "CallWeekly_${w.toISOString().slice(0, 10).replaceAll("-", "")}" PARTITION OF "CallWeekly" FOR VALUES FROM ('${w.toISOString()}') TO ('${to.toISOString()}')`);
  }
  await client.query(`INSERT INTO "CallWeekly" SELECT * FROM "Call"`);
  for (const [i, cols] of INDEXES.entries()) await client.query(`CREATE INDEX "CallWeekly_${i}" ON "CallWeekly" ${cols}`);
  return rows.length;
}

async function measure(client: pg.Client, table: string, seq: number, ids: string[], traces: string[]) {
  const now = Date.now();
  log(`${table}:`);
  log(`  call by id, every partition probed: ${await timed(client, RUNS, (i) => [`SELECT * FROM "${table}" WHERE "teamSeq" = $1 AND "id" = $2`, [seq, ids[i % ids.length]]])}`);
  for (const days of [1, 30]) {
    log(`  first page of 50, last ${days} day(s): ${await timed(client, RUNS, () => [
      `SELECT * FROM "${table}" WHERE "teamSeq" = $1 AND "ts" >= $2 AND "ts" < $3 ORDER BY "ts" DESC LIMIT 50`, [seq, new Date(now - days * 86_400_000), new Date(now)]])}`);
  }
  log(`  a run by trace id: ${await timed(client, RUNS, (i) => [`SELECT * FROM "${table}" WHERE "teamSeq" = $1 AND "traceId" = $2`, [seq, traces[i % traces.length]]])}`);
  const t = performance.now();
  for (let b = 0; b < 20; b++) {
    await client.query(`INSERT INTO "${table}" SELECT * FROM "Call" WHERE "teamSeq" = $1 AND "ts" >= now() - interval '1 hour' LIMIT 1000`, [seq]);
  }
  log(`  inserts of 1000 calls of the last hour: ${(20_000 / ((performance.now() - t) / 1000)).toFixed(0)} calls/s`);
}

async function removeOldestDay(client: pg.Client) {
  const { rows: [{ day }] } = await client.query(`SELECT date_trunc('day', min("ts"), 'UTC') + interval '1 day' AS day FROM "Call"`);
  const next = new Date(day.getTime() + 86_400_000);
  const name = `Call_${day.toISOString().slice(0, 10).replaceAll("-", "")}`;
  const { rows: [{ n }] } = await client.query(`SELECT count(*)::int AS n FROM "${name}"`);
  let t = performance.now();
  await client.query(`DROP TABLE "${name}"`);
  log(`removing a day of ${n.toLocaleString("en-US")} calls: day partitions drop it in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  for (;;) {
    const res = await client.query(`DELETE FROM "CallWeekly" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "CallWeekly" WHERE "ts" >= $1 AND "ts" < $2 LIMIT 5000))`, [day, next]);
    if (res.rowCount! < 5000) break;
  }
  log(`  week partitions delete its rows in batches of 5,000 in ${((performance.now() - t) / 1000).toFixed(1)} s (then need VACUUM)`);
}

async function main() {
  const name = `switchyard_bench_parts_${Date.now()}`;
  await admin(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  process.env.DATABASE_URL = url;
  resetEnvForTests();
  const client = new pg.Client({ connectionString: url, options: "-c jit=off" });
  try {
    await migrate();
    const seq = 1;
    await client.connect();
    await client.query(`INSERT INTO "Team" ("id", "seq", "name", "slug") VALUES ('bench', ${seq}, 'Bench', 'bench')`);
    log(`day partitions made: ${(await ensurePartitions()).length}`);
    log(`loading ${CALLS.toLocaleString("en-US")} calls over 90 days…`);
    await loadCalls(client, seq, CALLS, 1_000_000, () => undefined, 90);
    log(`week partitions made: ${await weekly(client)}`);
    await client.query("ANALYZE");
    const ids = (await client.query(`SELECT "id" FROM "CallId" TABLESAMPLE SYSTEM (0.1) LIMIT ${RUNS}`)).rows.map((r) => r.id);
    const traces = (await client.query(`SELECT DISTINCT "traceId" FROM "Call" TABLESAMPLE SYSTEM (0.1) WHERE "traceId" IS NOT NULL LIMIT ${RUNS}`)).rows.map((r) => r.traceId);
    await measure(client, "Call", seq, ids, traces);
    await measure(client, "CallWeekly", seq, ids, traces);
    await removeOldestDay(client);
  } finally {
    await client.end().catch(() => undefined);
    await closeDb();
    if (!process.env.BENCH_KEEP_DB) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
