-- A publish's guard (contracts §10): { minSuccess?, belowProjection? }; the version rolls itself back when
-- a task type it changed falls below it on enough evidence. Null: no guard.
ALTER TABLE "PolicyVersion" ADD COLUMN "guard" JSONB;
