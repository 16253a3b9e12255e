// The cheap half of retention: a day no team keeps any more is dropped as a partition (lib/partitions/calls.ts)
// instead of deleted row by row: its content once every team's content retention has passed it, its calls once
// every team's retention has, with their scores. What else hangs off the calls by id (the id's claim, review)
// is removed first, a few heap blocks at a time.
import { sqlTransaction, type Sql } from "@/lib/db";
import { DAY_MS, longestRetention, partitionDays, partitionName, upkeepTransaction, type DayTable } from "@/lib/partitions/calls";
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
     ${removeDependents("gone", { byDay: false })}
     SELECT 1`,
  );
}

const oldestBefore = (table: DayTable, before: Date) =>
  sqlTransaction(async (sql) => (await partitionDays(sql, table)).find((d) => d.getTime() + DAY_MS <= before.getTime()));

/** Drops the day of a table kept by day: its partition, and its rows in the default partition. */
async function dropDay(sql: Sql, table: DayTable, day: Date) {
  await sql.query(`DELETE FROM "${table}_default" WHERE "ts" >= $1 AND "ts" < $2`, [day, new Date(day.getTime() + DAY_MS)]);
  await sql.query(`DROP TABLE IF EXISTS "${partitionName(day, table)}"`);
}

/**
 * Drops the oldest partition of content or scores whose whole day is before `before` (content: what every
 * team's content retention has passed; scores: a day whose calls are not in a partition of their own, which
 * the calls' row deletes take care of); returns its day, or null when none is due.
 */
export async function dropExpiredDay(table: "CallContent" | "Score", before: Date): Promise<Date | null> {
  const day = await oldestBefore(table, before);
  if (!day) return null;
  await upkeepTransaction((sql) => dropDay(sql, table, day));
  return day;
}

/**
 * Drops the oldest calls partition whose whole day is before `before` (what every team's retention has
 * passed), with the day's content and scores; returns its day and calls, or null when none is due. The last pass and
 * the drop run under a lock that holds back only new calls for that old day.
 */
export async function dropExpiredCalls(before: Date): Promise<{ day: Date; calls: number } | null> {
  const day = await oldestBefore("Call", before);
  if (!day) return null;
  const name = partitionName(day);
  const [{ blocks }] = await sqlTransaction((sql) =>
    sql.query<{ blocks: number }>(`SELECT (pg_relation_size('"${name}"') / current_setting('block_size')::int)::int AS blocks`),
  );
  for (let from = 0; from < blocks; from += BLOCKS) await sqlTransaction((sql) => forget(sql, name, from, from + BLOCKS));
  const calls = await upkeepTransaction(async (sql) => {
    // Another worker may have finished this day meanwhile (a long step can outlive its job's lease).
    if (!(await partitionDays(sql)).some((d) => d.getTime() === day.getTime())) return 0;
    await sql.query(`LOCK TABLE "${name}" IN SHARE MODE`);
    const [{ n }] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    await forget(sql, name, 0, 2 ** 31 - 1);
    await dropDay(sql, "CallContent", day);
    await dropDay(sql, "Score", day);
    await sql.query(`DROP TABLE "${name}"`);
    return n;
  });
  return { day, calls };
}

/** The earliest instants any team still keeps calls and content from: days wholly before them go for everyone. */
export async function keptByAllSince(sql: Sql, now: Date) {
  const days = await longestRetention(sql);
  const since = (n: number) => new Date(now.getTime() - n * DAY_MS);
  return { calls: since(days.Call), content: since(days.CallContent) };
}
