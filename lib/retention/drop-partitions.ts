// The cheap half of retention: a day of calls older than every team keeps is dropped as a partition
// (lib/partitions/calls.ts) instead of deleted row by row. What hangs off its calls by id (the id's claim,
// content, scores, review) is removed first, a few heap blocks at a time.
import { db, sqlTransaction, type Sql } from "@/lib/db";
import { DAY_MS, partitionDays, partitionName, upkeepTransaction } from "@/lib/partitions/calls";
import { removeDependents } from "@/lib/retention/dependents";

const BLOCKS = 200; // ~5,000 calls of a partition per batch

/**
 * Removes what hangs off the partition's calls stored in heap blocks [from, to) whose ids are still claimed
 * (a call updated after its block was passed can have moved to one passed before: the last pass finds it).
 */
async function forget(sql: Sql, name: string, from: number, to: number) {
  await sql.query(
    `WITH gone AS (SELECT p."teamSeq", p."id" FROM "${name}" p JOIN "CallId" k ON k."teamSeq" = p."teamSeq" AND k."id" = p."id"
       WHERE p.ctid >= '(${from},0)'::tid AND p.ctid < '(${to},0)'::tid),
     ${removeDependents("gone")}
     SELECT 1`,
  );
}

/**
 * Drops the oldest partition whose whole day is before `before`; returns its day and calls, or null when
 * none is due. The last pass and the drop run under a lock that holds back only new calls for that old day.
 */
export async function dropExpiredPartition(before: Date): Promise<{ day: Date; calls: number } | null> {
  const day = await sqlTransaction(async (sql) => (await partitionDays(sql)).find((d) => d.getTime() + DAY_MS <= before.getTime()));
  if (!day) return null;
  const name = partitionName(day);
  const [{ blocks }] = await sqlTransaction((sql) =>
    sql.query<{ blocks: number }>(`SELECT (pg_relation_size('"${name}"') / current_setting('block_size')::int)::int AS blocks`),
  );
  for (let from = 0; from < blocks; from += BLOCKS) await sqlTransaction((sql) => forget(sql, name, from, from + BLOCKS));
  const calls = await upkeepTransaction(async (sql) => {
    await sql.query(`LOCK TABLE "${name}" IN SHARE MODE`);
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    await forget(sql, name, 0, 2 ** 31 - 1);
    await sql.query(`DROP TABLE "${name}"`);
    return n;
  });
  return { day, calls };
}

/** The earliest instant any team still keeps: days wholly before it go for everyone. */
export async function keptByAllSince(now: Date) {
  const { _max } = await db().team.aggregate({ _max: { retentionDays: true } });
  return new Date(now.getTime() - (_max.retentionDays ?? 90) * DAY_MS);
}
