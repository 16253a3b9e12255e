// Upgrading a database that holds traffic from before the analytics migration: its rollups are rebuilt
// under the new context buckets and counters, with day rows and task sizes, equal to a fresh rebuild.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { rebuildRollups } from "@/lib/rollups/rebuild";
import { migrate } from "@/lib/migrate";
import { pgConfig } from "@/prisma/adapters";
import { checkedTeamId } from "@/lib/auth/team-id";
import { ingestEvents } from "@/lib/ingest/mutations";
import { makeEvent } from "@/tests/factories";

const BEFORE = ["20261124000000_init", "20261124010000_ingest"];
const UNPARTITIONED = "20261202030000_retention"; // the last migration before calls were partitioned by day
const serverUrl = process.env.SWITCHYARD_TEST_SERVER_URL ?? "";
const made: string[] = [];

async function admin(sql: string) {
  const client = new pg.Client(pgConfig(serverUrl));
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

/** Points db() at a new, empty database (this file's own one is already fully migrated). */
async function emptyDatabase() {
  await closeDb();
  const name = `sy_upgrade_${crypto.randomBytes(4).toString("hex")}`;
  made.push(name);
  if (serverUrl) {
    await admin(`CREATE DATABASE "${name}"`);
    process.env.DATABASE_URL = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  } else {
    process.env.SWITCHYARD_DATA_DIR = `memory://${name}`;
  }
  resetEnvForTests();
}

afterAll(async () => {
  await closeDb();
  if (serverUrl) for (const name of made) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

const snapshot = async () => JSON.stringify(
  [await db().callRollup.findMany({ orderBy: [{ hour: "asc" }, { taskType: "asc" }, { model: "asc" }, { shadow: "asc" }, { contextBucket: "asc" }, { toolCount: "asc" }] }),
   await db().callRollupDay.findMany({ orderBy: [{ day: "asc" }, { taskType: "asc" }, { model: "asc" }, { shadow: "asc" }] }),
   await db().callTaskSize.findMany({ orderBy: [{ contextTokens: "asc" }, { day: "asc" }, { taskType: "asc" }, { model: "asc" }] })],
  (_k, v) => (typeof v === "bigint" ? v.toString() : v));

it("rebuilds old rollups from the stored calls", async () => {
  await emptyDatabase();
  const old = fs.mkdtempSync(path.join(os.tmpdir(), "sy-migrations-"));
  for (const m of BEFORE) fs.cpSync(path.join("prisma/migrations", m), path.join(old, m), { recursive: true });
  expect(await migrate(old)).toEqual(BEFORE);

  await db().$executeRaw`INSERT INTO "Team" ("id", "name", "slug") VALUES ('t1', 'Old', 'old')`;
  const [{ seq }] = await db().$queryRaw<{ seq: number }[]>`SELECT "seq" FROM "Team" WHERE "id" = 't1'`;
  // Calls on the old bucket edges (4,000 was the first size of a bucket, now the last of one), an escalation.
  await db().$executeRaw`
    INSERT INTO "Call" ("teamSeq", "id", "ts", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "ttftMs", "status", "outcome", "contextTokens", "toolCount", "toolCallCount", "attempt", "escalatedFrom", "costNanos")
    SELECT ${seq}, 'c' || g, TIMESTAMPTZ '2026-11-20 10:00Z' + g * INTERVAL '7 minutes', 'extract', CASE WHEN g % 3 = 0 THEN 'gpt-5.4-mini' ELSE 'gpt-5.4-nano' END,
           (ARRAY[250, 1000, 3000, 4000, 4001, 9000])[1 + g % 6], 100, 500 + g, CASE WHEN g % 2 = 0 THEN 200 END, 0, g % 2, (ARRAY[250, 1000, 3000, 4000, 4001, 9000])[1 + g % 6],
           0, 0, CASE WHEN g % 10 = 0 THEN 2 ELSE 1 END, CASE WHEN g % 10 = 0 THEN 'gpt-5.4-nano' END, 1000
    FROM generate_series(1, 300) g`;
  await db().$executeRaw`INSERT INTO "CallRollup" SELECT ${seq}, TIMESTAMPTZ '2026-11-20 10:00Z', 'stale', 'x', false, 0, 0, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '{}', '{}', '{}'`;

  await migrate();
  const upgraded = await snapshot();
  expect(upgraded).not.toContain("stale");
  await rebuildRollups(seq);
  expect(await snapshot()).toEqual(upgraded);
  const [tasks] = await db().$queryRaw<{ n: bigint }[]>`SELECT sum("tasks")::int8 AS n FROM "CallTaskSize"`;
  expect(Number(tasks.n)).toBe(270);

});

it("moves the calls, content and scores of an installation from before partitions into their days", async () => {
  await emptyDatabase();
  const names = fs.readdirSync("prisma/migrations").filter((n) => n <= UNPARTITIONED).sort();
  const old = fs.mkdtempSync(path.join(os.tmpdir(), "sy-migrations-"));
  for (const m of names) fs.cpSync(path.join("prisma/migrations", m), path.join(old, m), { recursive: true });
  expect(await migrate(old)).toEqual(names);
  await db().$executeRaw`INSERT INTO "Team" ("id", "name", "slug") VALUES ('t2', 'Old', 'old')`;
  const [{ seq }] = await db().$queryRaw<{ seq: number }[]>`SELECT "seq" FROM "Team" WHERE "id" = 't2'`;
  await db().$executeRaw`
    INSERT INTO "Call" ("teamSeq", "id", "ts", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "status", "contextTokens", "toolCount", "toolCallCount", "attempt")
    VALUES (${seq}, 'a', '2026-11-20T23:59:59.999Z', 'extract', 'gpt-5.4-nano', 10, 1, 5, 0, 10, 0, 0, 1),
           (${seq}, 'b', '2026-11-21T00:00:00Z', 'extract', 'gpt-5.4-nano', 10, 1, 5, 0, 10, 0, 0, 1),
           (${seq}, 'c', '2026-11-21T12:00:00Z', 'extract', 'gpt-5.4-nano', 10, 1, 5, 0, 10, 0, 0, 1)`;
  // Content and a score of calls that are there, and of one that is not (unreachable: not carried over).
  await db().$executeRaw`INSERT INTO "CallContent" ("teamSeq", "callId", "input", "output") VALUES (${seq}, 'a', 'in a', 'out a'), (${seq}, 'b', 'in b', null), (${seq}, 'gone', 'x', 'y')`;
  await db().$executeRaw`INSERT INTO "Score" ("teamSeq", "callId", "evaluatorId", "version", "verdict") VALUES (${seq}, 'c', 'ev', 1, 0), (${seq}, 'gone', 'ev', 1, 1)`;

  expect(await migrate()).toEqual(["20261202040000_call_partitions", "20261202050000_content_partitions", "20261202060000_score_partitions"]);
  const homes = (table: string, id: string) => db().$queryRawUnsafe(`SELECT tableoid::regclass::text AS home, "${id}" AS id, "ts" FROM "${table}" ORDER BY 2`);
  expect(await db().$queryRaw`SELECT tableoid::regclass::text AS home, "id" FROM "Call" ORDER BY "id"`).toEqual([
    { home: '"Call_20261120"', id: "a" }, { home: '"Call_20261121"', id: "b" }, { home: '"Call_20261121"', id: "c" },
  ]);
  expect(await homes("CallContent", "callId")).toEqual([
    { home: '"CallContent_20261120"', id: "a", ts: new Date("2026-11-20T23:59:59.999Z") }, { home: '"CallContent_20261121"', id: "b", ts: new Date("2026-11-21T00:00:00Z") },
  ]);
  expect(await homes("Score", "callId")).toEqual([{ home: '"Score_20261121"', id: "c", ts: new Date("2026-11-21T12:00:00Z") }]);
  expect(await db().callId.count()).toBe(3);
  // A stored id stays a duplicate, whatever time it comes with; a new one is stored in its day.
  const again = await ingestEvents(checkedTeamId("t2"), [makeEvent({ id: "a", timestamp: "2026-11-22T10:00:00Z" }), makeEvent({ id: "d", timestamp: "2026-11-20T12:00:00Z" })]);
  expect(again).toMatchObject({ accepted: 1, duplicates: 1 });
  expect(await db().$queryRaw`SELECT tableoid::regclass::text AS home FROM "Call" WHERE "id" = 'd'`).toEqual([{ home: '"Call_20261120"' }]);
});

it("refuses to start on a migration edited after it was applied, and names it", async () => {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "sy-migrations-"));
  fs.cpSync("prisma/migrations", copy, { recursive: true });
  expect(await migrate(copy)).toEqual([]); // the same files: nothing to do, nothing refused
  fs.appendFileSync(path.join(copy, BEFORE[1], "migration.sql"), "\n-- an innocent-looking edit\n");
  await expect(migrate(copy)).rejects.toThrow(/Migration 20261124010000_ingest was edited after it was applied/);
});
