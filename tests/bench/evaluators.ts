// npm run bench:evaluators: a backfill of deterministic evaluators over BENCH_CALLS (100,000) stored calls
// with captured output, on PostgreSQL (BENCH_DATABASE_SERVER or 127.0.0.1:5432), in this process: the
// real job queue, worker step and SQL. Target: >= 5,000 calls/s. (Ingest with evaluators enabled against
// without is measured by npm run bench:ingest, in the same run as its other figures.)
import { databaseUrl, sql as admin } from "./server";

const CALLS = Number(process.env.BENCH_CALLS ?? 100_000);
const DB = `switchyard_bench_eval_${Date.now()}`;
const SCHEMA = { type: "object", required: ["invoice", "total"], properties: { invoice: { type: "string" }, total: { type: "number" } } };

async function main() {
  await admin(`CREATE DATABASE "${DB}"`);
  process.env.DATABASE_URL = databaseUrl(DB);
  process.env.SWITCHYARD_DEMO = "0";
  // Imported after DATABASE_URL is set: the database client reads it once.
  const { prepareDatabase } = await import("@/lib/startup");
  const { checkedTeamId } = await import("@/lib/auth/team-id");
  const { createUser } = await import("@/lib/auth/mutations");
  const { ingestEvents } = await import("@/lib/ingest/mutations");
  const { setContentCapture } = await import("@/lib/teams/mutations");
  const { createEvaluator } = await import("@/lib/evaluators/mutations");
  const { evaluatorBodySchema } = await import("@/lib/evaluators/schema");
  const { startBackfill } = await import("@/lib/evaluators/backfill");
  const { getJob } = await import("@/lib/jobs/queue");
  const { workOnce } = await import("@/lib/jobs/worker");
  const { closeDb } = await import("@/lib/db");
  try {
    await prepareDatabase();
    const { user, team } = await createUser({ email: "bench@example.test", password: "bench-password-1", teamName: "Bench" });
    const teamId = checkedTeamId(team.id);
    await setContentCapture(teamId, user.id, true);
    const now = Date.now();
    const loadStart = performance.now();
    for (let i = 0; i < CALLS; i += 1000) {
      await ingestEvents(teamId, Array.from({ length: Math.min(1000, CALLS - i) }, (_, j) => {
        const n = i + j;
        const output = n % 10 === 0 ? '{"invoice": "A-' : JSON.stringify({ invoice: `A-${n}`, total: n % 7 === 0 ? "n/a" : n / 100 });
        return { id: `c-${n}`, timestamp: now - 3_600_000 + (n % 3_000_000), taskType: n % 2 ? "extract" : "classify", model: n % 3 ? "gpt-5.4-nano" : "gpt-5.4-mini",
          inputTokens: 500, outputTokens: 40, latencyMs: 400, status: "ok", input: `Document ${n}`, output };
      }));
    }
    console.log(`evaluators bench: ${CALLS.toLocaleString("en-US")} calls with captured output loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);
    const results: string[] = [];
    for (const [name, kind, config] of [["invoice JSON", "json_schema", { schema: SCHEMA }], ["mentions invoice", "contains", { text: "invoice", mustContain: true }], ["no apology", "regex", { pattern: "sorry|apolog", flags: "i", mustMatch: false }]] as const) {
      const { id } = await createEvaluator(teamId, { userId: user.id }, evaluatorBodySchema.parse({ name, kind, config, enabled: false }));
      const jobId = await startBackfill(teamId, id, new Date(now - 2 * 3_600_000), new Date(now + 3_600_000));
      const t = performance.now();
      while (await workOnce());
      const seconds = (performance.now() - t) / 1000;
      const job = await getJob(teamId, jobId);
      const rate = (job?.done ?? 0) / seconds;
      results.push(`backfill, ${kind.padEnd(12)} ${String(job?.done).padStart(8)} calls in ${seconds.toFixed(1).padStart(5)} s: ${rate.toFixed(0).padStart(6)} calls/s (target >= 5000: ${rate >= 5000 ? "met" : "NOT met"})`);
    }
    for (const r of results) console.log(r);
  } finally {
    await closeDb();
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
