// Re-pricing stored calls after a catalog edit. The edit itself commits at once (under the exclusive
// pricing lock, which waits for ingest batches in flight, so every batch after it reads the new catalog)
// and queues a job; the job then walks the model's calls from the edit's effective date in chunks of about
// 20,000 (2,000 on the embedded database), each its own short transaction, so ingest never waits for more than one chunk's row locks.
// Jobs live in the database: another instance, or this one after a restart, picks up where one stopped.
import crypto from "node:crypto";
import { sqlTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { RollupBatch } from "@/lib/rollups/batch";
import { writeRollups } from "@/lib/rollups/write";
import type { Tx } from "@/lib/ingest/sql";

// The embedded database runs one transaction at a time for the whole process, so its chunks are smaller:
// a page render waits for at most one (about 0.2 s there; 20,000 calls take ~0.3 s on PostgreSQL).
const chunkCalls = () => (env().DATABASE_URL ? 20_000 : 2_000);
const HOUR_MS = 3_600_000;

type Job = { id: string; teamSeq: number; model: string; cursor: Date; toTs: Date | null };
type CostChange = { hourNo: string; taskType: string; shadow: boolean; contextTokens: number; toolCount: number; costDelta: string; unpricedDelta: string; n: string };

/**
 * Inside the catalog edit's transaction: queues re-pricing of `model`'s calls whose price the edit at
 * `from` can change, i.e. up to the model's next effective date after it.
 */
export async function queueReprice(tx: Tx, teamSeq: number, model: string, from: Date) {
  const [next] = await tx.query<{ at: Date }>(
    `SELECT min(p."effectiveFrom") AS at FROM "ModelPrice" p JOIN "Team" t ON t."id" = p."teamId"
     WHERE t."seq" = $1 AND p."model" = $2 AND p."effectiveFrom" > $3`,
    [teamSeq, model, from.toISOString()],
  );
  await tx.query(`INSERT INTO "RepriceJob" ("id", "teamSeq", "model", "fromTs", "toTs", "cursor") VALUES ($1, $2, $3, $4, $5, $4)`, [
    crypto.randomUUID(), teamSeq, model, from.toISOString(), next?.at ? new Date(next.at).toISOString() : null,
  ]);
}

/** The end of the next chunk: whole hours of the model's calls (from the rollups) adding up to about `chunkCalls`. */
async function chunkEnd(tx: Tx, job: Job, chunkCalls: number): Promise<Date | null> {
  const hours = await tx.query<{ hour: Date; calls: string }>(
    `SELECT "hour", sum("calls")::text AS calls FROM "CallRollup"
     WHERE "teamSeq" = $1 AND "model" = $2 AND "hour" >= date_trunc('hour', $3::timestamptz) AND ($4::timestamptz IS NULL OR "hour" < $4)
     GROUP BY "hour" ORDER BY "hour" LIMIT 500`,
    [job.teamSeq, job.model, job.cursor.toISOString(), job.toTs?.toISOString() ?? null],
  );
  if (!hours.length) return null;
  let total = 0;
  let last = new Date(hours[0].hour);
  for (const h of hours) {
    if (total > 0 && total + Number(h.calls) > chunkCalls) break;
    total += Number(h.calls);
    last = new Date(h.hour);
  }
  const end = new Date(last.getTime() + HOUR_MS);
  return job.toTs && end > job.toTs ? job.toTs : end;
}

/** Re-prices the model's calls in [from, to) from the current catalog and moves their rollups by the difference. */
async function repriceRange(tx: Tx, job: Job, from: Date, to: Date) {
  // Same arithmetic as lib/pricing/cost.ts: micro-dollars per 1M tokens × tokens / 1000, rounded half up.
  // Rows are locked in id order, the order label writers use, so the two never deadlock.
  const changes = await tx.query<CostChange>(
    `WITH p AS (
       SELECT mp."effectiveFrom", mp."inputMicros", mp."outputMicros", COALESCE(mp."cachedInputMicros", mp."inputMicros") AS "cachedMicros"
       FROM "ModelPrice" mp JOIN "Team" t ON t."id" = mp."teamId" WHERE t."seq" = $1 AND mp."model" = $2
     ), locked AS (
       SELECT c."id", c."ts", c."costNanos" AS old, c."inputTokens", c."cachedTokens", c."outputTokens" FROM "Call" c
       WHERE c."teamSeq" = $1 AND c."model" = $2 AND c."ts" >= $3 AND c."ts" < $4 ORDER BY c."id" FOR UPDATE
     ), priced AS (
       SELECT l."id", l.old, (
         SELECT ((l."inputTokens" - COALESCE(l."cachedTokens", 0))::int8 * p."inputMicros"
                 + COALESCE(l."cachedTokens", 0)::int8 * p."cachedMicros" + l."outputTokens"::int8 * p."outputMicros" + 500) / 1000
         FROM p WHERE p."effectiveFrom" <= l."ts" ORDER BY p."effectiveFrom" DESC LIMIT 1) AS new
       FROM locked l
     ), changed AS (
       UPDATE "Call" c SET "costNanos" = priced.new FROM priced
       WHERE c."teamSeq" = $1 AND c."ts" >= $3 AND c."ts" < $4 AND c."id" = priced."id" AND priced.old IS DISTINCT FROM priced.new
       RETURNING c."ts", c."taskType", c."shadowOf" IS NOT NULL AS shadow, c."contextTokens", c."toolCount", priced.old, priced.new
     )
     SELECT floor(extract(epoch FROM "ts") / 3600)::int8::text AS "hourNo", "taskType", shadow, "contextTokens", "toolCount",
            sum(COALESCE(new, 0) - COALESCE(old, 0))::text AS "costDelta",
            (count(*) FILTER (WHERE new IS NULL) - count(*) FILTER (WHERE old IS NULL))::text AS "unpricedDelta", count(*)::text AS n
     FROM changed GROUP BY 1, 2, 3, 4, 5`,
    [job.teamSeq, job.model, from.toISOString(), to.toISOString()],
  );
  const rollups = new RollupBatch();
  for (const c of changes) {
    const group = { ts: new Date(Number(c.hourNo) * HOUR_MS), taskType: c.taskType, model: job.model, shadow: c.shadow, contextTokens: Number(c.contextTokens), toolCount: Number(c.toolCount) };
    rollups.changeCost(group, BigInt(c.costDelta), BigInt(c.unpricedDelta));
  }
  await writeRollups(tx, job.teamSeq, rollups);
  return changes.reduce((n, c) => n + Number(c.n), 0);
}

/** Does one chunk of one unfinished job (skipping jobs another worker holds); false when there is none. */
export async function repriceNextChunk(size = chunkCalls()): Promise<boolean> {
  return sqlTransaction(async (tx) => {
    const [row] = await tx.query<Job & { cursor: Date; toTs: Date | null }>(
      `SELECT "id", "teamSeq", "model", "cursor", "toTs" FROM "RepriceJob" WHERE "finishedAt" IS NULL
       ORDER BY "createdAt" LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    if (!row) return false;
    const job: Job = { ...row, cursor: new Date(row.cursor), toTs: row.toTs ? new Date(row.toTs) : null };
    const end = await chunkEnd(tx, job, size);
    const repriced = end ? await repriceRange(tx, job, job.cursor, end) : 0;
    await tx.query(
      `UPDATE "RepriceJob" SET "cursor" = COALESCE($2, "cursor"), "repriced" = "repriced" + $3, "finishedAt" = CASE WHEN $4 THEN now() END WHERE "id" = $1`,
      [job.id, end?.toISOString() ?? null, repriced, end === null || (job.toTs !== null && end >= job.toTs)],
    );
    return true;
  });
}

/**
 * After each chunk the job rests REST_FACTOR times as long as the chunk took, so it takes at most a
 * quarter of one database connection's time and of this process's: ingest keeps most of the machine
 * (measured by `npm run bench:reprice`). 6M calls then take about 40 minutes on 2 cores.
 */
const REST_FACTOR = 3;

/** Works through every queued job until none is left (or `until()` says stop). */
export async function runRepricing({ restFactor = REST_FACTOR, until = (): boolean => false }: { restFactor?: number; until?: () => boolean } = {}) {
  while (!until()) {
    const started = performance.now();
    if (!(await repriceNextChunk())) return;
    // Also lets requests in between chunks: on the embedded database they share this event loop.
    const rest = (performance.now() - started) * restFactor;
    await new Promise((resolve) => (rest > 0 ? setTimeout(resolve, rest) : setImmediate(resolve)));
  }
}

const state = globalThis as unknown as { __switchyardRepricing?: Promise<void> };

/** Starts working through queued jobs in this process unless it already is; failures are logged, and retried at the next start. */
export function repriceInBackground() {
  state.__switchyardRepricing ??= runRepricing()
    .catch((err: unknown) => console.error(`[switchyard] re-pricing stopped: ${err instanceof Error ? err.message : String(err)}`))
    .finally(() => {
      state.__switchyardRepricing = undefined;
    });
  return state.__switchyardRepricing;
}
