// PostgreSQL only: the SDK under load while the API server is killed with SIGKILL and restarted, and while
// PostgreSQL crash-restarts. Every call is stored exactly once, and counted once in the rollups.
import { spawn, type ChildProcess } from "node:child_process";
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Switchyard } from "@switchyard/sdk";
import { closeDb, db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { startFakeOpenAI, type FakeOpenAI } from "@/packages/fake-openai/src/server";
import { makeKey, makeOwner } from "@/tests/factories";
import { startCluster } from "@/tests/support/pg-cluster";

const PG_PORT = 55_432;
const API_PORT = 39_871;
const MIN_CALLS = 3000;

let cluster: ReturnType<typeof startCluster>;
let fake: FakeOpenAI;
let server: ChildProcess | undefined;
const previousUrl = process.env.DATABASE_URL;

function startServer(url: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/api-server-main.ts"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(API_PORT), SWITCHYARD_INGEST_RATE_LIMIT: "1000000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise<ChildProcess>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("listening") && resolve(child));
    child.on("exit", (code) => reject(new Error(`API server exited with ${code}`)));
  });
}

beforeAll(async () => {
  cluster = startCluster(PG_PORT);
  const admin = new pg.Client({ connectionString: cluster.url("postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE fault`);
  await admin.end();
  await closeDb();
  process.env.DATABASE_URL = cluster.url("fault");
  resetEnvForTests();
  await migrate();
  fake = await startFakeOpenAI({ behave: () => ({}) });
}, 60_000);

afterAll(async () => {
  server?.kill("SIGKILL");
  await fake?.close();
  await closeDb();
  cluster?.stop();
  process.env.DATABASE_URL = previousUrl;
  resetEnvForTests();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it("stores every call exactly once through a SIGKILL of the server and a crash of PostgreSQL", async () => {
  const { team } = await makeOwner();
  const key = await makeKey(team.id, "ingest");
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  await closeDb(); // this process holds no connections while PostgreSQL restarts
  server = await startServer(cluster.url("fault"));

  // What the SDK met on the way, so the test knows the faults hit it (connection refused, 503).
  const met = new Set<string>();
  const recording: typeof fetch = async (...args) => {
    try {
      const res = await fetch(...args);
      met.add(String(res.status));
      return res;
    } catch (err) {
      met.add("no connection");
      throw err;
    }
  };
  const sy = new Switchyard({ apiKey: key.secret, baseUrl: `http://127.0.0.1:${API_PORT}`, policy: false, batchSize: 100, flushIntervalMs: 20, fetch: recording, onWarning: () => undefined });
  const openai = sy.wrap(new OpenAI({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 }));
  const ids = new Set<string>();
  const faults = (async () => {
    await pause(1500);
    server!.kill("SIGKILL");
    await pause(800);
    server = await startServer(cluster.url("fault"));
    await pause(1500);
    // PostgreSQL stays down until the SDK has met the server's 503 (at most 20 s): the SDK backs off after
    // the SIGKILL above, so a fixed outage can fall wholly between its attempts.
    await cluster.crashRestart(async () => {
      for (let waited = 0; waited < 20_000 && !met.has("503"); waited += 100) await pause(100);
    });
  })();
  // Calls go on until the faults are over, so the SDK is sending while PostgreSQL is down, however
  // fast this machine makes the first MIN_CALLS.
  let faultsOver = false;
  void faults.finally(() => { faultsOver = true; });
  for (let i = 0; i < MIN_CALLS || !faultsOver; i++) {
    const res = await openai.chat.completions.create({ model: "gpt-5.4-nano", messages: [{ role: "user", content: `call ${i}` }] }, { switchyard: { taskType: "classify" } } as never);
    ids.add(Switchyard.callIdOf(res)!);
    if (i % 50 === 0) await pause(5); // spread the calls over the faults
  }
  await faults;
  for (let i = 0; i < 120 && sy.stats().queued > 0; i++) {
    await sy.flush();
    await pause(250);
  }
  expect(sy.stats()).toMatchObject({ queued: 0, delivered: ids.size, rejected: 0, dropped: 0 });
  expect([...met].sort()).toEqual(expect.arrayContaining(["200", "503", "no connection"]));
  expect(met.has("500")).toBe(false);
  await sy.close();

  const stored = await db().call.findMany({ where: { teamSeq: seq }, select: { id: true } });
  expect(ids.size).toBeGreaterThanOrEqual(MIN_CALLS);
  expect(stored).toHaveLength(ids.size);
  expect(new Set(stored.map((c) => c.id))).toEqual(ids);
  const [rollup] = await db().$queryRaw<{ calls: bigint }[]>`SELECT sum("calls")::int8 AS calls FROM "CallRollup" WHERE "teamSeq" = ${seq}`;
  expect(Number(rollup.calls)).toBe(ids.size);
}, 120_000);
