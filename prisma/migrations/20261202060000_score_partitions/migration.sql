-- Evaluator scores partitioned by the UTC day of their call, like "Call" and "CallContent" (issue 16): a
-- day's scores go with its calls' partition. A score carries its call's "ts" to be placed; the key keeps
-- one verdict per call, evaluator and version (a call's ts never changes).
CREATE TABLE "Score_by_day" (
    "teamSeq" INTEGER NOT NULL,
    "callId" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "evaluatorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "verdict" SMALLINT NOT NULL,
    "reason" TEXT,
    "costNanos" BIGINT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
) PARTITION BY RANGE ("ts");
CREATE TABLE "Score_default" PARTITION OF "Score_by_day" DEFAULT;
DO $$
DECLARE d timestamptz;
BEGIN
  FOR d IN SELECT to_date(substr(c.relname, 6), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC'
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = '"Call"'::regclass AND c.relname ~ '^Call_[0-9]{8}$' LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "Score_by_day" FOR VALUES FROM (%L) TO (%L)',
      'Score_' || to_char(d AT TIME ZONE 'UTC', 'YYYYMMDD'), d, d + interval '1 day');
  END LOOP;
END $$;
-- Scores whose call is gone are unreachable: they are not carried over.
INSERT INTO "Score_by_day" ("teamSeq", "callId", "ts", "evaluatorId", "version", "verdict", "reason", "costNanos", "at")
SELECT s."teamSeq", s."callId", k."ts", s."evaluatorId", s."version", s."verdict", s."reason", s."costNanos", s."at"
FROM "Score" s JOIN "CallId" k ON k."teamSeq" = s."teamSeq" AND k."id" = s."callId";
DROP TABLE "Score";
ALTER TABLE "Score_by_day" RENAME TO "Score";
ALTER TABLE "Score" ADD CONSTRAINT "Score_pkey" PRIMARY KEY ("teamSeq", "callId", "evaluatorId", "version", "ts");
CREATE INDEX "Score_evaluatorId_at_idx" ON "Score"("evaluatorId", "at");
