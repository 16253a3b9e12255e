-- Calls partitioned by UTC day (issue 16): retention drops a day's partition instead of deleting its rows,
-- and a day's reads touch one partition. A partitioned table's unique index must include the partition key,
-- so an id's uniqueness within the team (contracts §3: an id already stored is a duplicate) moves to
-- "CallId", which also gives the day a call is stored in. Days without a partition (older than the server
-- creates, lib/partitions) land in "Call_default".
CREATE TABLE "CallId" (
    "teamSeq" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "CallId_pkey" PRIMARY KEY ("teamSeq", "id")
);
INSERT INTO "CallId" ("teamSeq", "id", "ts") SELECT "teamSeq", "id", "ts" FROM "Call";

CREATE TABLE "Call_by_day" (LIKE "Call" INCLUDING DEFAULTS) PARTITION BY RANGE ("ts");
CREATE TABLE "Call_default" PARTITION OF "Call_by_day" DEFAULT;
DO $$
DECLARE d timestamptz;
BEGIN
  FOR d IN SELECT DISTINCT date_trunc('day', "ts", 'UTC') FROM "Call" LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "Call_by_day" FOR VALUES FROM (%L) TO (%L)',
      'Call_' || to_char(d AT TIME ZONE 'UTC', 'YYYYMMDD'), d, d + interval '1 day');
  END LOOP;
END $$;
INSERT INTO "Call_by_day" SELECT * FROM "Call";
DROP TABLE "Call";
ALTER TABLE "Call_by_day" RENAME TO "Call";

CREATE INDEX "Call_teamSeq_id_idx" ON "Call"("teamSeq", "id");
CREATE INDEX "Call_teamSeq_ts_idx" ON "Call"("teamSeq", "ts");
CREATE INDEX "Call_teamSeq_traceId_idx" ON "Call"("teamSeq", "traceId") WHERE "traceId" IS NOT NULL;
CREATE INDEX "Call_teamSeq_routed_ts_idx" ON "Call"("teamSeq", "ts") WHERE "policyVersion" IS NOT NULL;
CREATE INDEX "Call_teamSeq_taskType_steps_idx" ON "Call"("teamSeq", "taskType", "ts") WHERE "traceId" IS NOT NULL AND "stepIndex" IS NOT NULL;
