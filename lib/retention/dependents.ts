// What hangs off a call by id and goes when the call goes.

const DEPENDENTS = [["CallId", "id"], ["CallContent", "callId"], ["Score", "callId"], ["ReviewItem", "callId"], ["Review", "callId"]] as const;

/**
 * CTEs deleting what hangs off the calls of the CTE `gone` ("teamSeq", "id"): the id's claim, content,
 * scores, review item and review. Shared by row deletes (sweep.ts) and partition drops (drop-partitions.ts).
 * `contentBefore` (SQL) bounds the content's "ts", so only partitions that can hold it are read; `content:
 * false` leaves content to the caller, which drops its partition instead.
 */
export const removeDependents = (gone: string, opts: { content: false } | { contentBefore: string }) =>
  DEPENDENTS.filter(([table]) => table !== "CallContent" || !("content" in opts))
    .map(([table, id]) => {
      const bound = table === "CallContent" && "contentBefore" in opts ? ` AND t."ts" < ${opts.contentBefore}` : "";
      return `"drop${table}" AS (DELETE FROM "${table}" t USING ${gone} g WHERE t."teamSeq" = g."teamSeq" AND t."${id}" = g."id"${bound})`;
    })
    .join(",\n");
