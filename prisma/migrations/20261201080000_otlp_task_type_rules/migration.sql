-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "otlpTaskTypeRules" JSONB NOT NULL DEFAULT '[]';
