// Every integration test file runs on a database of its own: an in-memory PGlite started from the run's
// migrated copy (tests/integration/global-setup.ts) by default, or a fresh database on the PostgreSQL
// server named by DATABASE_URL (dropped afterwards). Either way migrate() runs, as at every start-up.
import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { closeDb } from "@/lib/db";
import { migrate } from "@/lib/migrate";
import { pgConfig, startPGliteFrom } from "@/prisma/adapters";

// Workers run several files; remember the server URL the run started with, not the last file's database.
const serverUrl = (process.env.SWITCHYARD_TEST_SERVER_URL ??= process.env.DATABASE_URL ?? "");
const name = `sy_test_${crypto.randomBytes(5).toString("hex")}`;

async function admin(sql: string) {
  const client = new pg.Client(pgConfig(serverUrl));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (serverUrl) {
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  } else {
    delete process.env.DATABASE_URL;
    process.env.SWITCHYARD_DATA_DIR = `memory://${name}`;
    startPGliteFrom(process.env.SWITCHYARD_DATA_DIR, new Blob([fs.readFileSync(inject("pgliteTemplate"))]));
  }
  resetEnvForTests();
  await migrate();
});

afterAll(async () => {
  await closeDb();
  if (serverUrl) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
