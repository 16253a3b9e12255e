// Day partitions of "Call" (migration 20261202040000_call_partitions), kept by the server itself: every day
// from the longest retention of any team to a few days ahead has its partition before calls arrive, and a
// day older than every team's retention is dropped whole. Rows of a day without a partition (an event older
// than the oldest partition) are kept in "Call_default", which the retention sweep empties row by row.
import { sqlTransaction, type Sql } from "@/lib/db";

export const DAY_MS = 86_400_000;
/** Events may be up to 24 hours ahead of the server's clock (lib/ingest/schema.ts); a day more for a late upkeep. */
export const DAYS_AHEAD = 3;
// One process at a time creates or drops partitions (several instances share the database).
const UPKEEP_LOCK = 73_103;
// DDL on a partition locks the parent "Call": give up after this rather than queue ingest behind it.
const LOCK_TIMEOUT = "3s";

export const startOfUtcDay = (t: Date) => new Date(Math.floor(t.getTime() / DAY_MS) * DAY_MS);

/** "Call_20261202" for the UTC day that starts at `day`. */
export const partitionName = (day: Date) => `Call_${day.toISOString().slice(0, 10).replaceAll("-", "")}`;

function dayOf(name: string): Date | null {
  const m = /^Call_(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** The days that have a partition, oldest first. */
export async function partitionDays(sql: Sql): Promise<Date[]> {
  const rows = await sql.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"Call"'::regclass`,
  );
  return rows.flatMap((r) => dayOf(r.name) ?? []).sort((a, b) => a.getTime() - b.getTime());
}

async function longestRetentionDays(sql: Sql) {
  const [row] = await sql.query<{ days: number | null }>(`SELECT max("retentionDays") AS days FROM "Team"`);
  return row.days ?? 90;
}

/** A transaction that creates or drops partitions: one process at a time, and never queued long behind readers. */
export async function upkeepTransaction<T>(work: (sql: Sql) => Promise<T>) {
  return sqlTransaction(async (sql) => {
    await sql.query(`SELECT pg_advisory_xact_lock($1::int4)`, [UPKEEP_LOCK]);
    await sql.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
    return work(sql);
  });
}

/**
 * Creates the partitions missing from the longest retention back to DAYS_AHEAD ahead; returns the days made.
 * A day whose rows already sit in "Call_default" keeps them there: a partition cannot be made over them.
 */
export async function ensurePartitions(now = new Date()): Promise<Date[]> {
  const made: Date[] = [];
  const today = startOfUtcDay(now);
  const { have, from } = await sqlTransaction(async (sql) => ({
    have: new Set((await partitionDays(sql)).map((d) => d.getTime())),
    from: new Date(today.getTime() - (await longestRetentionDays(sql)) * DAY_MS),
  }));
  for (let day = from; day.getTime() <= today.getTime() + DAYS_AHEAD * DAY_MS; day = new Date(day.getTime() + DAY_MS)) {
    if (have.has(day.getTime())) continue;
    const next = new Date(day.getTime() + DAY_MS);
    const created = await upkeepTransaction(async (sql) => {
      const [taken] = await sql.query(`SELECT 1 FROM "Call_default" WHERE "ts" >= $1 AND "ts" < $2 LIMIT 1`, [day, next]);
      if (taken || (await partitionDays(sql)).some((d) => d.getTime() === day.getTime())) return false;
      await sql.query(`CREATE TABLE "${partitionName(day)}" PARTITION OF "Call" FOR VALUES FROM ('${day.toISOString()}') TO ('${next.toISOString()}')`);
      return true;
    });
    if (created) made.push(day);
  }
  return made;
}
