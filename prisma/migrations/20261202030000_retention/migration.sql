-- Retention per team (issue 16): raw calls older than retentionDays are removed with their content,
-- scores and reviews; content alone after contentRetentionDays when set. Rollups and task sizes stay.
ALTER TABLE "Team" ADD COLUMN "retentionDays" INTEGER NOT NULL DEFAULT 90;
ALTER TABLE "Team" ADD COLUMN "contentRetentionDays" INTEGER;
