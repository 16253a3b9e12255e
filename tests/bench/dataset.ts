// The dataset the analytics, simulate and scale benchmarks share: a PostgreSQL database with one team,
// its calls bulk-loaded (analytics-data.ts; 10M over 30 days unless said) and rolled up by the SQL
// rebuild, which is first checked against the rollups ingest maintains on a demo day. BENCH_KEEP_DB=<name>
// keeps and reuses it.
import pg from "pg";
import { checkedTeamId } from "@/lib/auth/team-id";
import { closeDb, db } from "@/lib/db";
import { seeded } from "@/lib/demo/distributions";
import { generateDay } from "@/lib/demo/generator";
import { resetEnvForTests } from "@/lib/env";
import { ingestEvents } from "@/lib/ingest/mutations";
import { rebuildRollups } from "@/lib/rollups/rebuild";
import { loadCalls } from "./analytics-data";
import { databaseUrl, sql as admin, startServer, stopServer } from "./server";

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
export const USER = { email: "bench@example.test", password: "bench-password-1" };
export const READ_KEY = "bench-read-key-000000000000001";
export const INGEST_KEY = "bench-ingest-key-00000000000001";
export const ADMIN_KEY = "bench-admin-key-000000000000001";

export const log = (s: string) => console.log(s);
const plain = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x));
async function snapshot(seq: number) {
  const order = [{ hour: "asc" as const }, { taskType: "asc" as const }, { model: "asc" as const }, { shadow: "asc" as const }, { contextBucket: "asc" as const }, { toolCount: "asc" as const }];
  return plain([await db().callRollup.findMany({ where: { teamSeq: seq }, orderBy: order }), await db().callRollupDay.findMany({ where: { teamSeq: seq }, orderBy: [{ day: "asc" }, { taskType: "asc" }, { model: "asc" }, { shadow: "asc" }] })]);
}

/** The SQL rebuild must give the rollups ingest maintains; checked on one demo day through ingestEvents. */
async function checkRebuild() {
  const team = await db().team.create({ data: { name: "Rebuild check", slug: `rebuild-check-${Date.now()}` } });
  const events = generateDay(seeded(7), new Date(Date.now() - 2 * 86_400_000), 0).events.slice(0, 3000);
  for (let i = 0; i < events.length; i += 1000) await ingestEvents(checkedTeamId(team.id), events.slice(i, i + 1000));
  const maintained = await snapshot(team.seq);
  await rebuildRollups(team.seq);
  if ((await snapshot(team.seq)) !== maintained) throw new Error("rebuilt rollups differ from the ingest path's");
  log(`rollup rebuild matches the ingest path on ${events.length.toLocaleString("en-US")} demo events`);
}

/** Starts the built server on the dataset's database (loading it first if needed); `done` stops and drops. */
export async function openDataset(port: number, shape = { calls: CALLS, days: 30 }) {
  const name = process.env.BENCH_KEEP_DB ?? `switchyard_bench_${Date.now()}`;
  if (!(await admin(`SELECT 1 FROM pg_database WHERE datname = '${name}'`)).length) await admin(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  const t = Date.now();
  const server = await startServer(port, {
    DATABASE_URL: url, SWITCHYARD_INIT_EMAIL: USER.email, SWITCHYARD_INIT_PASSWORD: USER.password, SWITCHYARD_INIT_TEAM: "Bench", SWITCHYARD_INIT_READ_KEY: READ_KEY,
    SWITCHYARD_INIT_INGEST_KEY: INGEST_KEY, SWITCHYARD_INIT_ADMIN_KEY: ADMIN_KEY, SWITCHYARD_INGEST_RATE_LIMIT: "10000000",
  });
  log(`server up in ${((Date.now() - t) / 1000).toFixed(1)} s (migrations included)`);
  const done = async () => {
    stopServer(server);
    await closeDb();
    if (!process.env.BENCH_KEEP_DB) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  try {
    process.env.DATABASE_URL = url;
    resetEnvForTests();
    const team = await db().team.findFirstOrThrow({ where: { name: "Bench" } });
    const loaded = Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*)::int8 AS n FROM "Call" WHERE "teamSeq" = ${team.seq}`)[0].n);
    if (loaded < shape.calls) {
      await checkRebuild();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      log(`loading ${shape.calls.toLocaleString("en-US")} calls over ${shape.days} days…`);
      const t1 = Date.now();
      await loadCalls(client, team.seq, shape.calls, 1_000_000, log, shape.days);
      const t2 = Date.now();
      await rebuildRollups(team.seq);
      log(`  rollups built in ${((Date.now() - t2) / 1000).toFixed(0)} s; loaded and rolled up in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
      await client.query("ANALYZE");
      await client.end();
    }
    const [counts] = await db().$queryRaw<{ calls: bigint; hourly: bigint; daily: bigint }[]>`
      SELECT (SELECT count(*) FROM "Call" WHERE "teamSeq" = ${team.seq})::int8 AS calls,
             (SELECT count(*) FROM "CallRollup" WHERE "teamSeq" = ${team.seq})::int8 AS hourly,
             (SELECT count(*) FROM "CallRollupDay" WHERE "teamSeq" = ${team.seq})::int8 AS daily`;
    log(`dataset: ${Number(counts.calls).toLocaleString("en-US")} calls, ${counts.hourly} hourly and ${counts.daily} daily rollup rows`);
    await closeDb();
    return { base: `http://127.0.0.1:${port}`, slug: team.slug, teamId: team.id, url, pid: server.pid!, done };
  } catch (err) {
    await done();
    throw err;
  }
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(base: string) {
  const jar = new Map<string, string>();
  const keep = (res: Response) => res.headers.getSetCookie().forEach((c) => { const [kv] = c.split(";"); const i = kv.indexOf("="); jar.set(kv.slice(0, i), kv.slice(i + 1)); });
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email: USER.email, password: USER.password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${res.status})`);
  return cookie();
}


/** Runs a request BENCH_RUNS times after two warm-ups and prints p50 / p95 against the target. */
export async function time(label: string, target: number, run: () => Promise<Response>, runs = RUNS) {
  const ms: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const t = performance.now();
    const res = await run();
    await res.text();
    if (!res.ok) throw new Error(`${label}: HTTP ${res.status}`);
    if (i >= 2) ms.push(performance.now() - t); // two warm-up requests
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  log(`${label}: p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms (target p95 <= ${target} ms: ${p(0.95) <= target ? "met" : "NOT met"})`);
}


/** Runs a benchmark body against the dataset's server, then stops it (and drops the database unless kept). */
export function runOnDataset(port: number, body: (server: { base: string; slug: string; teamId: string; url: string; pid: number }) => Promise<void>, shape?: { calls: number; days: number }) {
  (async () => {
    const { done, ...server } = await openDataset(port, shape);
    try {
      await body(server);
    } finally {
      await done();
    }
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
