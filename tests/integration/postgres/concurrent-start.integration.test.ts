// PostgreSQL only (PGlite is one process by design): two instances starting at once on an empty
// database apply each migration once and create the headless user, team and keys once.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db";
import { prepareDatabase } from "@/lib/startup";
import { pgConfig } from "@/prisma/adapters";

const server = process.env.SWITCHYARD_TEST_SERVER_URL!;
const name = `sy_test_race_${crypto.randomBytes(4).toString("hex")}`;
const INIT = {
  SWITCHYARD_INIT_EMAIL: "race@example.test",
  SWITCHYARD_INIT_PASSWORD: "race-password-1",
  SWITCHYARD_INIT_TEAM: "Race",
  SWITCHYARD_INIT_INGEST_KEY: "race-ingest-key-00000000001",
};

async function sql(text: string, database?: string) {
  const client = new pg.Client({ ...pgConfig(server), ...(database ? { database } : {}) });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

afterAll(() => sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

it("migrates and creates the headless objects once when two instances start together", async () => {
  await sql(`CREATE DATABASE "${name}"`);
  const previous = process.env.DATABASE_URL;
  const url = new URL(server);
  url.pathname = `/${name}`;
  Object.assign(process.env, INIT, { DATABASE_URL: url.toString() });
  resetEnvForTests();
  try {
    const [one, two] = await Promise.all([prepareDatabase(), prepareDatabase()]);
    expect([one.applied.length, two.applied.length].sort()).toEqual([0, Math.max(one.applied.length, two.applied.length)]);
    expect([...one.init.created, ...two.init.created].sort()).toEqual(["ingest key", "team race", "user race@example.test"]);
    const counts = await sql(
      `SELECT (SELECT count(*) FROM "User")::int AS users, (SELECT count(*) FROM "Team")::int AS teams,
              (SELECT count(*) FROM "ApiKey")::int AS keys,
              (SELECT count(*) FROM "_prisma_migrations")::int - (SELECT count(DISTINCT migration_name) FROM "_prisma_migrations")::int AS dup`,
      name,
    );
    expect(counts[0]).toEqual({ users: 1, teams: 1, keys: 1, dup: 0 });
  } finally {
    await closeDb();
    for (const k of Object.keys(INIT)) delete process.env[k];
    process.env.DATABASE_URL = previous;
    resetEnvForTests();
  }
});
