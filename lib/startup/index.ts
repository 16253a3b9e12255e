// Everything the server does once before it answers requests (called from instrumentation.ts).
import { applyAuthDefaults, env } from "@/lib/env";
import { migrate } from "@/lib/migrate";
import { authOptions } from "@/lib/auth/options";
import { applyHeadlessInit } from "@/lib/startup/headless";

export async function startServer() {
  const e = env();
  applyAuthDefaults();
  const where = e.DATABASE_URL ? `PostgreSQL (${new URL(e.DATABASE_URL).host})` : `embedded PGlite in ${e.pgliteDir}`;
  const applied = await migrate();
  console.log(`[switchyard] database: ${where}; ${applied.length ? `applied ${applied.join(", ")}` : "schema up to date"}`);
  await authOptions();
  const init = await applyHeadlessInit();
  if (init.created.length) console.log(`[switchyard] created ${init.created.join(", ")}`);

  const url = e.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;
  console.log(`[switchyard] ready at ${url}`);
  if (init.email) console.log(`[switchyard] sign in at ${url}/sign-in as ${init.email} (SWITCHYARD_INIT_PASSWORD)`);
  else console.log(`[switchyard] create an account at ${url}/sign-up`);
}
