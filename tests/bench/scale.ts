// npm run bench:scale: one team with BENCH_CALLS calls (100M unless said) over 90 days, loaded straight into
// the tables (dataset.ts, which first checks its rollup rebuild against the ingest path). Prints the time
// to load, storage per call, and p95s against the targets: analytics and the Calls page 150 ms, simulations
// 1 s; then a retention sweep of one day while ingest runs, against ingest without it.
import pg from "pg";
import { ADMIN_KEY, INGEST_KEY, log, READ_KEY, runOnDataset, signIn, time } from "./dataset";
import { batchTemplate, drive } from "./ingest-load";
import { sizeOf } from "./server";

const CALLS = Number(process.env.BENCH_CALLS ?? 100_000_000);
const DAYS = 90;
const DAY_MS = 86_400_000;
/** Simulations read many calls: fewer runs than the page timings. */
const SIM_RUNS = Number(process.env.BENCH_SIM_RUNS ?? 5);
const INGEST_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);

async function storage(client: pg.Client, calls: number) {
  const bytes = async (table: string) => (await client.query(sizeOf(table))).rows[0] as { heap: string; idx: string; total: string };
  const size = async (table: string) => Number((await bytes(table)).total);
  const [rollup, day, sizes, ids] = [await size("CallRollup"), await size("CallRollupDay"), await size("CallTaskSize"), await size("CallId")];
  const { heap, idx, total } = await bytes("Call");
  const call = Number(total) + ids; // a call's row with its partition's indexes, and its id's claim
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  log(`storage: calls ${mb(call)} (${(call / calls).toFixed(0)} B per call: heap ${(Number(heap) / calls).toFixed(0)} + indexes ${(Number(idx) / calls).toFixed(0)} + id claim ${(ids / calls).toFixed(0)}); ` +
    `hourly rollups ${mb(rollup)}, daily ${mb(day)}, task sizes ${mb(sizes)}`);
}

async function pages(base: string, slug: string) {
  const to = Date.now();
  const api = (path: string) => () => fetch(`${base}${path}`, { headers: { authorization: `Bearer ${READ_KEY}` } });
  const range = (days: number) => `from=${new Date(to - days * DAY_MS).toISOString()}&to=${new Date(to).toISOString()}`;
  await time("GET /api/v1/analytics/task-types, 30 days", 150, api(`/api/v1/analytics/task-types?${range(30)}`));
  await time("GET /api/v1/analytics/task-types, 90 days", 150, api(`/api/v1/analytics/task-types?${range(90)}`));
  await time("GET /api/v1/calls, first page of 50", 150, api(`/api/v1/calls?${range(90)}&limit=50`));
  const cookie = await signIn(base);
  const page = (path: string) => () => fetch(`${base}/${slug}${path}`, { headers: { cookie } });
  await time("Overview render, 30 days", 150, page("?range=30d"));
  await time("Overview render, 90 days", 150, page("?range=90d"));
  await time("Calls page render, first page, 30 days", 150, page("/calls?range=30d"));
}

async function simulations(base: string) {
  const to = Date.now();
  const post = (days: number, policy: unknown) => () => fetch(`${base}/api/v1/simulate`, {
    method: "POST", headers: { authorization: `Bearer ${READ_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ from: to - days * DAY_MS, to, policy, assumptions: { reviewCostPerFailureUsd: 0.5, minSamples: 30 } }),
  });
  const splitting = { defaultModel: "gpt-5.4-mini", rules: [{ id: "mid-context", when: { contextTokens: { lte: 2500 }, taskType: ["extract", "summarize"] }, model: "gpt-5.4-nano" }] };
  const byTier = { defaultModel: "gpt-5.4-mini", rules: [{ id: "free-nano", when: { metadata: { tier: "free" } }, model: "gpt-5.4-nano" }] };
  await time("simulate, threshold inside a bucket, 30 days", 1000, post(30, splitting), SIM_RUNS);
  await time("simulate, threshold inside a bucket, 90 days", 1000, post(90, splitting), SIM_RUNS);
  // A metadata rule reads raw calls (rollups keep no metadata), a sample of them past 200k: a day, then a week.
  await time("simulate, metadata rule, 1 day", 1000, post(1, byTier), SIM_RUNS);
  await time("simulate, metadata rule, 7 days", 1000, post(7, byTier), SIM_RUNS);
}

/**
 * Retention from 90 to 89 days: the server's sweep removes the oldest day while two clients ingest. Ingest
 * is not blocked when its rate stays above half and its p99 below twice what it was without a sweep.
 */
async function sweep(base: string, client: pg.Client, teamId: string) {
  const { seq } = (await client.query(`SELECT "seq" FROM "Team" WHERE "id" = $1`, [teamId])).rows[0];
  // One team keeps calls here, as on a single-team install: the dataset's rebuild-check team would otherwise
  // keep 90 days, so no day would be past every team's retention and all of it would go row by row.
  await client.query(`UPDATE "Team" SET "retentionDays" = 89 WHERE "id" <> $1`, [teamId]);
  const cutoff = new Date(Date.now() - 89 * DAY_MS);
  const older = async () => Number((await client.query(`SELECT count(*)::int8 AS n FROM "Call" WHERE "teamSeq" = $1 AND "ts" < $2`, [seq, cutoff])).rows[0].n);
  // Whole days before the cutoff go as partitions; the cut day's calls before it are deleted row by row.
  const wholeDays = async () => Number((await client.query(
    `SELECT count(*)::int8 AS n FROM "Call" WHERE "teamSeq" = $1 AND "ts" < $2`, [seq, new Date(Math.floor(cutoff.getTime() / DAY_MS) * DAY_MS)])).rows[0].n);
  const day = await older();
  const inPartitions = await wholeDays();
  const load = (until: () => boolean, idPrefix: string) => drive({ url: base, key: INGEST_KEY, template: batchTemplate(), clients: 2, until, idPrefix });
  const end = Date.now() + INGEST_SECONDS * 1000;
  const before = await load(() => Date.now() >= end, "s0-");
  log(`ingest without a sweep: ${before.rate.toFixed(0)} events/s, p99 ${before.p99.toFixed(0)} ms`);

  const res = await fetch(`${base}/api/v1/settings`, { method: "PATCH", headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" }, body: JSON.stringify({ retentionDays: 89 }) });
  if (!res.ok) throw new Error(`PATCH /api/v1/settings answered ${res.status}`);
  const started = Date.now();
  let swept = false;
  let dropped = 0;
  const during = load(() => swept, "s1-");
  while ((await older()) > 0) {
    if (!dropped && (await wholeDays()) === 0) dropped = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (Date.now() - started) / 1000;
  log(`  of which ${inPartitions.toLocaleString("en-US")} calls of whole days were gone (partitions dropped) after ${(dropped || seconds).toFixed(0)} s, ` +
    `and the cut day's other ${(day - inPartitions).toLocaleString("en-US")} calls, deleted row by row, after ${seconds.toFixed(0)} s`);
  swept = true;
  const ingest = await during;
  log(`retention sweep of one day: ${day.toLocaleString("en-US")} calls in ${seconds.toFixed(0)} s (${(day / seconds).toFixed(0)} calls/s)`);
  const ok = ingest.rate >= before.rate / 2 && ingest.p99 <= before.p99 * 2;
  log(`ingest during the sweep: ${ingest.rate.toFixed(0)} events/s, p99 ${ingest.p99.toFixed(0)} ms ` +
    `(target: rate >= half and p99 <= twice the figures without a sweep: ${ok ? "met" : "NOT met"})`);
}

runOnDataset(3903, async ({ base, slug, teamId, url }) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // BENCH_ONLY=sweep or =simulate runs only that part (on a dataset kept with BENCH_KEEP_DB).
    const only = process.env.BENCH_ONLY;
    if (!only) {
      await storage(client, CALLS);
      await pages(base, slug);
    }
    if (!only || only === "simulate") await simulations(base);
    if (!only || only === "sweep") await sweep(base, client, teamId);
  } finally {
    await client.end();
  }
}, { calls: CALLS, days: DAYS });
