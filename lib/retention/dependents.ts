// What hangs off a call by id and goes when the call goes.

const DEPENDENTS = [["CallId", "id"], ["CallContent", "callId"], ["Score", "callId"], ["ReviewItem", "callId"], ["Review", "callId"]] as const;
/** Partitioned by their call's day like "Call" (lib/partitions/calls.ts). */
const BY_DAY = new Set(["CallContent", "Score"]);

/**
 * CTEs deleting what hangs off the calls of the CTE `gone` ("teamSeq", "id"): the id's claim, content,
 * scores, review item and review. Shared by row deletes (sweep.ts) and partition drops (drop-partitions.ts).
 * `before` (SQL) bounds the "ts" of the tables kept by day, so only partitions that can hold the rows are
 * read; `byDay: false` leaves those tables to the caller, which drops the day's partitions instead.
 */
export const removeDependents = (gone: string, opts: { byDay: false } | { before: string }) =>
  DEPENDENTS.filter(([table]) => !BY_DAY.has(table) || "before" in opts)
    .map(([table, id]) => {
      const bound = BY_DAY.has(table) && "before" in opts ? ` AND t."ts" < ${opts.before}` : "";
      return `"drop${table}" AS (DELETE FROM "${table}" t USING ${gone} g WHERE t."teamSeq" = g."teamSeq" AND t."${id}" = g."id"${bound})`;
    })
    .join(",\n");
