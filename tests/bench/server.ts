// What the server benchmarks share: a throwaway PostgreSQL database and built Switchyard instances on it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import pg from "pg";

const SERVER = process.env.BENCH_DATABASE_SERVER ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export const databaseUrl = (name: string) => Object.assign(new URL(SERVER), { pathname: `/${name}` }).toString();

/** Runs one statement on `url` (the server's maintenance database by default). */
export async function sql(text: string, url = SERVER) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * SQL for a table's heap, index and total bytes, its partitions included: "Call" and the tables kept by day
 * are partitioned (a partitioned parent itself stores nothing; a plain table has no partition tree).
 */
export const sizeOf = (table: string) =>
  `SELECT sum(pg_relation_size(relid))::int8 AS heap, sum(pg_indexes_size(relid))::int8 AS idx, sum(pg_total_relation_size(relid))::int8 AS total
   FROM (SELECT relid FROM pg_partition_tree('"${table}"') UNION SELECT '"${table}"'::regclass) t`;

/** Starts the built server (building first if needed) and resolves once it answers. */
export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  if (!fs.existsSync(".next/BUILD_ID")) execFileSync("npm", ["run", "build"], { stdio: "inherit" });
  // BENCH_PROFILE=<dir>: each server writes a V8 CPU profile there when stopped (SIGTERM becomes an exit).
  const profile = process.env.BENCH_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`, "--import", "data:text/javascript,process.on('SIGTERM',()=>process.exit(0))"]
    : [];
  const server = spawn("node", [...profile, "server.mjs"], {
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), SWITCHYARD_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 180; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/api/auth/providers`).catch(() => null))?.ok) return server;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server on port ${port} did not start`);
}

export function stopServer(server: ChildProcess) {
  process.kill(-server.pid!, "SIGTERM");
}
