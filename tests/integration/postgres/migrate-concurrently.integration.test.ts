// PostgreSQL only (PGlite is one process by design): two instances starting at once on an empty
// database apply each migration exactly once, serialised by the advisory lock.
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { pgConfig } from "@/prisma/adapters";

const server = process.env.SWITCHYARD_TEST_SERVER_URL!;
const name = `sy_test_race_${crypto.randomBytes(4).toString("hex")}`;

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

it("applies migrations once when two instances start together", async () => {
  await sql(`CREATE DATABASE "${name}"`);
  const previous = process.env.DATABASE_URL;
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  resetEnvForTests();
  try {
    const [one, two] = await Promise.all([migrate(), migrate()]);
    expect([...one, ...two].length).toBe(one.length + two.length);
    expect([one.length, two.length].sort()).toEqual([0, Math.max(one.length, two.length)]);
    expect(Math.max(one.length, two.length)).toBeGreaterThan(0);
    const rows = await sql(`SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1`, name);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  } finally {
    process.env.DATABASE_URL = previous;
    resetEnvForTests();
  }
});
