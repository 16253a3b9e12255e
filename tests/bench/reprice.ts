// npm run bench:reprice: on the 10M-call dataset (dataset.ts), ingest throughput while a price edit
// re-prices a model's calls, against ingest alone. The edit commits through setPrice and its job runs in
// this process (as it would in a server's background) for BENCH_SECONDS, while 4 clients post 1000-event
// batches to the built server. Target: ingest during the re-pricing >= 80% of its rate without it. Also
// prints the re-pricing rate and how long the whole edit would take at it.
import { checkedTeamId } from "@/lib/auth/team-id";
import { closeDb, db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { setPrice } from "@/lib/pricing/mutations";
import { runRepricing } from "@/lib/pricing/reprice";
import { INGEST_KEY, log, runOnDataset } from "./dataset";
import { batchTemplate, drive } from "./ingest-load";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const MODEL = process.env.BENCH_MODEL ?? "gpt-5.4-mini";

runOnDataset(3903, async ({ base, teamId, url }) => {
  process.env.DATABASE_URL = url;
  resetEnvForTests();
  const template = batchTemplate();
  const idPrefix = `${Date.now().toString(36)}-`;
  const load = (until: () => boolean) => drive({ url: base, key: INGEST_KEY, template, clients: CLIENTS, until, idPrefix });

  const baseEnd = Date.now() + SECONDS * 1000;
  const alone = await load(() => Date.now() >= baseEnd);
  log(`ingest alone: ${alone.rate.toFixed(0)} events/s over ${alone.seconds.toFixed(0)} s (p50 ${alone.p50.toFixed(0)} ms, p99 ${alone.p99.toFixed(0)} ms)`);

  const [{ n }] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*)::int8 AS n FROM "Call" c JOIN "Team" t ON t."seq" = c."teamSeq" WHERE t."id" = ${teamId} AND c."model" = ${MODEL} AND c."ts" >= now() - interval '30 days'`;
  const effectiveFrom = new Date(Date.now() - 30 * 86_400_000);
  const end = Date.now() + SECONDS * 1000;
  const during = load(() => Date.now() >= end);
  const t = Date.now();
  // A price none of the earlier runs set, so every call of the model changes.
  await setPrice(checkedTeamId(teamId), null, { model: MODEL, effectiveFrom, input: 400_000n + BigInt(t % 1000), output: 1_600_000n, cachedInput: null });
  const editMs = Date.now() - t;
  await runRepricing({ until: () => Date.now() >= end });
  const [job] = await db().$queryRaw<{ repriced: bigint }[]>`SELECT "repriced" FROM "RepriceJob" ORDER BY "createdAt" DESC LIMIT 1`;
  const perSecond = Number(job.repriced) / ((Date.now() - t) / 1000);
  const run = await during;
  await db().$executeRaw`UPDATE "RepriceJob" SET "finishedAt" = now() WHERE "finishedAt" IS NULL`; // the dataset stays reusable
  await closeDb();
  const share = run.rate / alone.rate;
  log(`price edit of ${MODEL} from ${effectiveFrom.toISOString().slice(0, 10)}: committed in ${editMs} ms; re-priced ${Number(job.repriced).toLocaleString("en-US")} calls in ${SECONDS} s (${perSecond.toFixed(0)}/s: all ${Number(n).toLocaleString("en-US")} in about ${(Number(n) / perSecond / 60).toFixed(0)} min)`);
  log(`ingest during re-pricing: ${run.rate.toFixed(0)} events/s (p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms)`);
  log(`ingest during a price edit, share of its rate alone: ${(share * 100).toFixed(1)}% (target >= 80%: ${share >= 0.8 ? "met" : "NOT met"})`);
});
