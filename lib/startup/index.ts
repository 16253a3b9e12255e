// Everything the server does once before it answers requests (called from instrumentation.ts).
import { applyAuthDefaults, env } from "@/lib/env";
import { migrate, withStartupLock } from "@/lib/migrate";
import { authOptions } from "@/lib/auth/options";
import { applyHeadlessInit } from "@/lib/startup/headless";
import { DEMO_USER, seedDemo } from "@/lib/demo/seed";
import { startJobWorker } from "@/lib/jobs/worker";
import { repriceInBackground } from "@/lib/pricing/reprice";
import { ensureRetentionJobs } from "@/lib/retention/job";
import { ensurePartitions } from "@/lib/partitions/calls";
import { pgConfig } from "@/prisma/adapters";

/** Migrations, the calls' day partitions and headless objects, one instance at a time. */
export async function prepareDatabase() {
  return withStartupLock(async () => {
    const applied = await migrate();
    await ensurePartitions();
    const init = await applyHeadlessInit();
    await ensureRetentionJobs();
    return { applied, init };
  });
}

export async function startServer() {
  const e = env();
  applyAuthDefaults();
  const where = e.DATABASE_URL ? `PostgreSQL (${pgConfig(e.DATABASE_URL).host})` : `embedded PGlite in ${e.pgliteDir}`;
  const { applied, init } = await prepareDatabase();
  console.log(`[switchyard] database: ${where}; ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
  if (init.created.length) console.log(`[switchyard] created ${init.created.join(", ")}`);
  await authOptions();

  const url = e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;
  console.log(`[switchyard] ready at ${url}`);
  if (init.email) console.log(`[switchyard] sign in at ${url}/sign-in as ${init.email} (SWITCHYARD_INIT_PASSWORD)`);
  else console.log(`[switchyard] create an account at ${url}/sign-up`);
  if (e.demo) startDemo(url, e.SWITCHYARD_DEMO_DAYS);
  void repriceInBackground(); // resumes price edits whose re-pricing a stop interrupted
  startJobWorker(); // evaluator backfills and new calls for evaluators; resumes jobs a stop interrupted
  // Hourly: teams created since start-up get their daily retention sweep, and the days ahead their partitions.
  setInterval(() => void hourly().catch((err: Error) => console.error(`[switchyard] upkeep: ${err.message}`)), 3_600_000).unref();
}

async function hourly() {
  await ensureRetentionJobs();
  await ensurePartitions();
}

// Seeding runs after start-up, so the server answers at once and the demo fills in over about a minute.
function startDemo(url: string, days: number) {
  console.log(`[switchyard] demo: sign in as ${DEMO_USER.email} / ${DEMO_USER.password} (SWITCHYARD_DEMO=0 turns the demo off)`);
  seedDemo((line) => console.log(`[switchyard] ${line}`), days)
    .then(({ slug, calls }) => calls && console.log(`[switchyard] demo ready: ${calls.toLocaleString("en-US")} calls at ${url}/${slug}`))
    .catch((err: unknown) => console.error(`[switchyard] demo seeding failed: ${err instanceof Error ? err.message : String(err)}`));
}

/** A server that cannot migrate or read its configuration would only answer 500s: stop instead. */
export async function startOrExit() {
  try {
    await startServer();
  } catch (err) {
    console.error(`[switchyard] cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
