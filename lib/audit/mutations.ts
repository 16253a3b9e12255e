import crypto from "node:crypto";
import type { Sql } from "@/lib/db";

/** An audit-log entry written inside a raw-SQL transaction (Prisma writes its own with auditEntry.create). */
export async function writeAudit(tx: Sql, teamId: string, actorId: string | null, action: string, detail: Record<string, unknown>) {
  await tx.query(`INSERT INTO "AuditEntry" ("id", "teamId", "actorId", "action", "detail") VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    crypto.randomUUID(), teamId, actorId, action, JSON.stringify(detail),
  ]);
}
