-- CallTaskSize also keeps the evidence at each exact size (every call, shadow calls and retries included), so the
-- simulator judges a threshold inside a context bucket on the labels of each side. Rebuilt from the stored calls.
-- AlterTable
ALTER TABLE "CallTaskSize" ADD COLUMN     "answered" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "answeredOutputTokens" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "failure" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "success" BIGINT NOT NULL DEFAULT 0;

DELETE FROM "CallTaskSize";

INSERT INTO "CallTaskSize" ("teamSeq", "contextTokens", "day", "taskType", "model", "toolCount", "tasks", "inputTokens", "outputTokens",
                            "answered", "answeredOutputTokens", "success", "failure")
SELECT "teamSeq", "contextTokens", date_trunc('day', "ts", 'UTC'), "taskType", "model", least("toolCount", 32767),
       count(*) FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), COALESCE(sum("inputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
       COALESCE(sum("outputTokens") FILTER (WHERE "attempt" = 1 AND "shadowOf" IS NULL), 0),
       count(*) FILTER (WHERE "status" <> 1), COALESCE(sum("outputTokens") FILTER (WHERE "status" <> 1), 0),
       count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 1), count(*) FILTER (WHERE COALESCE("traceOutcome", "outcome") = 0)
FROM "Call" WHERE true GROUP BY 1, 2, 3, 4, 5, 6
;
