// Applies prisma/migrations/*/migration.sql at start-up and records them in _prisma_migrations the way
// `prisma migrate deploy` does (the Prisma CLI cannot run offline at runtime).
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import { embeddedDb } from "@/lib/db";
import { pgConfig } from "@/prisma/adapters";

type Sql = {
  exec(sql: string): Promise<unknown>;
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
};

const LOCK_ID = 7_310_042_001; // arbitrary, constant: "switchyard start-up"

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function migrationsDir() {
  return path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

const checksumOf = (script: string) => crypto.createHash("sha256").update(script).digest("hex");

/**
 * Applied migrations are frozen, as `prisma migrate deploy` has them: one whose file no longer matches the
 * checksum recorded when it ran means the schema on disk and in the database disagree, so start-up stops.
 */
function checkApplied(applied: Map<string, string>, dir: string, names: string[]) {
  for (const name of names.filter((n) => applied.has(n))) {
    const checksum = checksumOf(fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
    if (checksum !== applied.get(name)) {
      throw new Error(
        `Migration ${name} was edited after it was applied to this database (checksum ${checksum.slice(0, 12)}, applied ${applied.get(name)!.slice(0, 12)}). ` +
          "Applied migrations must not change: restore the file as it was and put the change in a new migration.",
      );
    }
  }
}

async function applyPending(sql: Sql, dir: string): Promise<string[]> {
  await sql.exec(MIGRATIONS_TABLE);
  const done = await sql.query(`SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`);
  const applied = new Map((done.rows as { migration_name: string; checksum: string }[]).map((r) => [r.migration_name, r.checksum]));
  const names = fs
    .readdirSync(dir)
    .filter((n) => fs.existsSync(path.join(dir, n, "migration.sql")))
    .sort();
  checkApplied(applied, dir, names);
  const fresh: string[] = [];
  for (const name of names.filter((n) => !applied.has(n))) {
    const script = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
    const checksum = checksumOf(script);
    await sql.exec("BEGIN");
    try {
      await sql.exec(script);
      await sql.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [crypto.randomUUID(), checksum, name],
      );
      await sql.exec("COMMIT");
    } catch (err) {
      await sql.exec("ROLLBACK");
      throw new Error(`Migration ${name} failed: ${(err as Error).message}`);
    }
    fresh.push(name);
  }
  return fresh;
}

/** Applies pending migrations to the configured database; returns the names applied. */
export async function migrate(dir = migrationsDir()): Promise<string[]> {
  const url = env().DATABASE_URL;
  if (!url) {
    const pglite = embeddedDb()!;
    return applyPending({ exec: (s) => pglite.exec(s), query: (s, p) => pglite.query(s, p) }, dir);
  }
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  try {
    return await applyPending({ exec: (s) => client.query(s), query: (s, p) => client.query(s, p) }, dir);
  } finally {
    await client.end();
  }
}

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so instances that start together migrate and
 * create the headless objects one after another. The embedded database has one process by design.
 */
export async function withStartupLock<T>(work: () => Promise<T>): Promise<T> {
  const url = env().DATABASE_URL;
  if (!url) return work();
  const client = new pg.Client(pgConfig(url));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
