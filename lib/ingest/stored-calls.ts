// Reads stored calls back as StoredCall (the shape rollups are computed from), locked for update.
import type { StoredCall } from "@/lib/rollups/batch";
import type { Tx } from "@/lib/ingest/sql";

export type Raw = Omit<StoredCall, "shadow" | "costNanos" | "status" | "outcome" | "traceOutcome" | "attempt" | "toolCount"> & {
  id: string; traceId: string | null; shadowOf: string | null; costNanos: string | null;
  status: number; outcome: number | null; traceOutcome: number | null; attempt: number; toolCount: number; outcomeSource: number | null;
};

export const COLUMNS = `"id", "traceId", "ts", "taskType", "model", "shadowOf", "contextTokens", "toolCount", "inputTokens", "outputTokens",
  "cachedTokens", "reasoningTokens", "costNanos"::text AS "costNanos", "status", "errorType", "outcome", "traceOutcome", "attempt", "escalatedFrom", "latencyMs", "ttftMs", "outcomeSource"`;

/** outcomeSource: who set `outcome` (null the app, 2 a review, 3 an evaluator; contracts §13). */
export type LockedCall = StoredCall & { id: string; traceId: string | null; outcomeSource: number | null };

export function toStored(r: Raw): LockedCall {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...r,
    ts: new Date(r.ts),
    shadow: r.shadowOf !== null,
    costNanos: r.costNanos === null ? null : BigInt(r.costNanos),
    status: Number(r.status), outcome: n(r.outcome), traceOutcome: n(r.traceOutcome), attempt: Number(r.attempt), toolCount: Number(r.toolCount),
    latencyMs: Number(r.latencyMs), ttftMs: n(r.ttftMs), outcomeSource: n(r.outcomeSource),
  };
}

/** `where` is SQL on the Call table with parameters starting at $2 ($1 is the team). */
export async function lockCalls(tx: Tx, teamSeq: number, where: string, params: unknown[]): Promise<LockedCall[]> {
  const rows = await tx.query<Raw>(
    `SELECT ${COLUMNS} FROM "Call" WHERE "teamSeq" = $1 AND (${where}) ORDER BY "id" FOR UPDATE`,
    [teamSeq, ...params],
  );
  return rows.map(toStored);
}

/** The first and last `ts` of `rows` as ISO strings: a bound that keeps a statement to their days' partitions. */
export function timeSpan(rows: { ts: Date }[]): { from: string; to: string } {
  let from = Infinity;
  let to = -Infinity;
  for (const { ts } of rows) {
    from = Math.min(from, ts.getTime());
    to = Math.max(to, ts.getTime());
  }
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** The span of days the calls `ids` are stored in, from their ids' claims; null when none is stored. */
export async function daySpan(tx: Tx, teamSeq: number, ids: string[]): Promise<{ from: Date; to: Date } | null> {
  const [span] = await tx.query<{ from: Date | null; to: Date | null }>(
    `SELECT min("ts") AS "from", max("ts") AS "to" FROM "CallId" WHERE "teamSeq" = $1 AND "id" = ANY($2::text[])`,
    [teamSeq, ids],
  );
  return span.from && span.to ? { from: new Date(span.from), to: new Date(span.to) } : null;
}

/** The calls `ids`, locked; bounded by their span of days, so only the partitions holding them are read. */
export async function lockCallsById(tx: Tx, teamSeq: number, ids: string[]): Promise<LockedCall[]> {
  const span = await daySpan(tx, teamSeq, ids);
  if (!span) return [];
  return lockCalls(tx, teamSeq, `"id" = ANY($2::text[]) AND "ts" >= $3 AND "ts" <= $4`, [ids, span.from.toISOString(), span.to.toISOString()]);
}
