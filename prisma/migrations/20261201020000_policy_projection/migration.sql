-- The projection each published version was made with (issue 11 §2); null for versions published before.
ALTER TABLE "PolicyVersion" ADD COLUMN "projection" JSONB;

-- Routed calls in time order: a version's realized figures and the off-policy estimate read the latest of
-- them without scanning the calls that no policy routed.
CREATE INDEX "Call_teamSeq_routed_ts_idx" ON "Call"("teamSeq", "ts") WHERE "policyVersion" IS NOT NULL;
