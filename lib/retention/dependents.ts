// What hangs off a call by id and goes when the call goes.

/**
 * CTEs deleting what hangs off the calls of the CTE `gone` ("teamSeq", "id"): the id's claim, content,
 * scores, review item and review. Shared by row deletes (sweep.ts) and partition drops (drop-partitions.ts).
 */
export const removeDependents = (gone: string) =>
  [["CallId", "id"], ["CallContent", "callId"], ["Score", "callId"], ["ReviewItem", "callId"], ["Review", "callId"]]
    .map(([table, id]) => `"drop${table}" AS (DELETE FROM "${table}" t USING ${gone} g WHERE t."teamSeq" = g."teamSeq" AND t."${id}" = g."id")`)
    .join(",\n");
