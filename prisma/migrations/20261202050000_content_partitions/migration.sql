-- Captured content partitioned by UTC day like "Call" (issue 16): content past retention goes with its day's
-- partition. It carries its call's "ts" to be placed; one row per call is kept by ingest, which writes
-- content only for calls whose id it has just claimed in "CallId".
CREATE TABLE "CallContent_by_day" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "input" TEXT,
    "output" TEXT
) PARTITION BY RANGE ("ts");
CREATE TABLE "CallContent_default" PARTITION OF "CallContent_by_day" DEFAULT;
DO $$
DECLARE d timestamptz;
BEGIN
  FOR d IN SELECT to_date(substr(c.relname, 6), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC'
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = '"Call"'::regclass AND c.relname ~ '^Call_[0-9]{8}$' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "CallContent_by_day" FOR VALUES FROM (%L) TO (%L)',
      'CallContent_' || to_char(d AT TIME ZONE 'UTC', 'YYYYMMDD'), d, d + interval '1 day');
  END LOOP;
END $$;
-- Content whose call is gone is unreachable: it is not carried over.
INSERT INTO "CallContent_by_day" ("teamSeq", "callId", "ts", "input", "output")
SELECT cc."teamSeq", cc."callId", k."ts", cc."input", cc."output"
FROM "CallContent" cc JOIN "CallId" k ON k."teamSeq" = cc."teamSeq" AND k."id" = cc."callId";
DROP TABLE "CallContent";
ALTER TABLE "CallContent_by_day" RENAME TO "CallContent";
CREATE INDEX "CallContent_teamSeq_callId_idx" ON "CallContent"("teamSeq", "callId");
