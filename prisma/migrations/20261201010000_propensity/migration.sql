-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "propensity" REAL;
