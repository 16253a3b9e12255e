// Day partitions of "Call", "CallContent" and "Score" (migrations 20261202040000-060000), kept by the server
// itself: every day from the longest retention of any team (at most DAYS_BACK) to a few days ahead has its
// partitions before calls arrive, and a day no team keeps any more is dropped whole (lib/retention/drop-partitions.ts). Rows of a day
// without a partition (an event older than the oldest partition) are kept in the table's "_default"
// partition, which the retention sweep empties row by row.
import { sqlTransaction, type Sql } from "@/lib/db";

export const DAY_MS = 86_400_000;
/** Events may be up to 24 hours ahead of the server's clock (lib/ingest/schema.ts); a day more for a late upkeep. */
export const DAYS_AHEAD = 3;
/**
 * How far back partitions are made ahead of need (backfills, the demo's history): at most this many days,
 * even for a team keeping years. Days further back get partitions as the server runs through them; calls
 * sent for an older day wait in the default partition.
 */
export const DAYS_BACK = 92;
export type DayTable = "Call" | "CallContent" | "Score";
const TABLES: DayTable[] = ["Call", "CallContent", "Score"];
// One process at a time creates or drops partitions (several instances share the database).
const UPKEEP_LOCK = 73_103;
// DDL on a partition locks its parent: give up after this rather than queue ingest behind it.
const LOCK_TIMEOUT = "3s";

export const startOfUtcDay = (t: Date) => new Date(Math.floor(t.getTime() / DAY_MS) * DAY_MS);

/** "Call_20261202" for the UTC day that starts at `day`. */
export const partitionName = (day: Date, table: DayTable = "Call") => `${table}_${day.toISOString().slice(0, 10).replaceAll("-", "")}`;

function dayOf(name: string): Date | null {
  const m = /_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** The days that have a partition of `table`, oldest first. */
export async function partitionDays(sql: Sql, table: DayTable = "Call"): Promise<Date[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass`,
    [`"${table}"`],
  );
  return rows.flatMap((r) => dayOf(r.name) ?? []).sort((a, b) => a.getTime() - b.getTime());
}

/** How many days back each table's partitions are kept: the longest retention of calls (scores go with them), and of content, of any team. */
export async function longestRetention(sql: Sql): Promise<Record<DayTable, number>> {
  const [row] = await sql.query<{ calls: number | null; content: number | null }>(
    `SELECT max("retentionDays") AS calls, max(COALESCE("contentRetentionDays", "retentionDays")) AS content FROM "Team"`,
  );
  return { Call: row.calls ?? 90, CallContent: row.content ?? 90, Score: row.calls ?? 90 };
}

/** A transaction that creates or drops partitions: one process at a time, and never queued long behind readers. */
export async function upkeepTransaction<T>(work: (sql: Sql) => Promise<T>) {
  return sqlTransaction(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock($1::int4)`, [UPKEEP_LOCK]);
    await sql.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    return work(sql);
  });
}

/** Creates the day's partition of `table` unless it exists or the day's rows already sit in its default partition. */
async function createPartition(table: DayTable, day: Date) {
  const next = new Date(day.getTime() + DAY_MS);
  return upkeepTransaction(async (sql) => {
    const [taken] = await sql.query(`SELECT 1 FROM "${table}_default" WHERE "ts" >= $1 AND "ts" < $2 LIMIT 1`, [day, next]);
    if (taken || (await partitionDays(sql, table)).some((d) => d.getTime() === day.getTime())) return false;
    await sql.query(`CREATE TABLE "${partitionName(day, table)}" PARTITION OF "${table}" FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`);
    return true;
  });
}

/**
 * Creates the partitions missing from the longest retention back to DAYS_AHEAD ahead; returns the days for
 * which a calls partition was made. A day whose rows already sit in a default partition keeps them there.
 */
export async function ensurePartitions(now = new Date()): Promise<Date[]> {
  const made: Date[] = [];
  const today = startOfUtcDay(now);
  const { have, days } = await sqlTransaction(async (sql) => {
    const have = {} as Record<DayTable, Set<number>>;
    for (const t of TABLES) have[t] = new Set((await partitionDays(sql, t)).map((d) => d.getTime()));
    return { have, days: await longestRetention(sql) };
  });
  for (const table of TABLES) {
    for (let day = today.getTime() - Math.min(days[table], DAYS_BACK) * DAY_MS; day <= today.getTime() + DAYS_AHEAD * DAY_MS; day += DAY_MS) {
      if (have[table].has(day)) continue;
      if ((await createPartition(table, new Date(day))) && table === "Call") made.push(new Date(day));
    }
  }
  return made;
}
