-- The projection each published version was made with (issue 11 §2); null for versions published before.
ALTER TABLE "PolicyVersion" ADD COLUMN "projection" JSONB;
