-- EvalPending holds one row per ingest batch (the new calls' ids) instead of one row per call.
ALTER TABLE "EvalPending" RENAME TO "EvalPendingOld";
ALTER TABLE "EvalPendingOld" RENAME CONSTRAINT "EvalPending_pkey" TO "EvalPendingOld_pkey";

-- CreateTable
CREATE TABLE "EvalPending" (
    "id" BIGSERIAL NOT NULL,
    "teamSeq" INTEGER NOT NULL,
    "callIds" TEXT[],

    CONSTRAINT "EvalPending_pkey" PRIMARY KEY ("id")
);

-- What was waiting keeps waiting, 1,000 ids a row.
INSERT INTO "EvalPending" ("teamSeq", "callIds")
SELECT "teamSeq", array_agg("callId" ORDER BY "callId")
FROM (SELECT "teamSeq", "callId", (row_number() OVER (PARTITION BY "teamSeq" ORDER BY "callId") - 1) / 1000 AS chunk FROM "EvalPendingOld") p
GROUP BY "teamSeq", chunk
ORDER BY "teamSeq", chunk;

DROP TABLE "EvalPendingOld";
