-- Alerts (issue 15, contracts §14): rules and their firings.
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" JSONB NOT NULL,
    "threshold" JSONB NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "channels" JSONB NOT NULL,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "firing" BOOLEAN NOT NULL DEFAULT false,
    "evaluatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Alert_teamId_idx" ON "Alert"("teamId");
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "AlertFiring" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "alertId" TEXT NOT NULL,
    "firedAt" TIMESTAMPTZ(3) NOT NULL,
    "evidence" JSONB NOT NULL,
    "policyVersion" INTEGER,
    "ruleId" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedEvidence" JSONB,
    "readAt" TIMESTAMPTZ(3),
    CONSTRAINT "AlertFiring_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AlertFiring_teamId_firedAt_idx" ON "AlertFiring"("teamId", "firedAt");
CREATE INDEX "AlertFiring_alertId_firedAt_idx" ON "AlertFiring"("alertId", "firedAt");
ALTER TABLE "AlertFiring" ADD CONSTRAINT "AlertFiring_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
