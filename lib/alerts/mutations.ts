// Creating, changing and removing alerts (audited); creating one starts the team's evaluation job.
import { randomUUID } from "node:crypto";
import type { TeamId } from "@/lib/auth/team-id";
import { writeAudit } from "@/lib/audit/mutations";
import { db, sqlTransaction } from "@/lib/db";
import { invalidField, notFound } from "@/lib/http/errors";
import { sealChannels } from "@/lib/alerts/deliver";
import { ensureEvaluationJob } from "@/lib/alerts/job";
import { thresholdIssues, type AlertBody, type AlertKind, type AlertPatch } from "@/lib/alerts/schema";

type By = { userId?: string; keyId?: string };
const actor = (by: By) => (by.keyId ? { keyId: by.keyId } : {});

export async function createAlert(teamId: TeamId, by: By, body: AlertBody) {
  const id = randomUUID();
  const channels = await sealChannels(id, body.channels);
  await sqlTransaction(async (tx) => {
    await tx.query(
      `INSERT INTO "Alert" ("id", "teamId", "name", "kind", "scope", "threshold", "windowMinutes", "channels", "muted") VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8::jsonb, $9)`,
      [id, teamId, body.name, body.kind, JSON.stringify(body.scope), JSON.stringify(body.threshold), body.windowMinutes, JSON.stringify(channels), body.muted],
    );
    await writeAudit(tx, teamId, by.userId ?? null, "alert.create", { id, name: body.name, kind: body.kind, ...actor(by) });
  });
  await ensureEvaluationJob(teamId);
  return { id };
}

/** Changes the given fields; a threshold is checked against the alert's kind. Channels, when given, replace all of them. */
export async function updateAlert(teamId: TeamId, by: By, id: string, patch: AlertPatch) {
  const row = await db().alert.findFirst({ where: { id, teamId }, select: { kind: true } });
  if (!row) throw notFound(`This team has no alert ${id}.`);
  const [issue] = patch.threshold ? thresholdIssues(row.kind as AlertKind, patch.threshold) : [];
  if (issue) throw invalidField(issue.path, issue.message);
  const channels = patch.channels ? JSON.stringify(await sealChannels(id, patch.channels)) : null;
  await db().alert.update({
    where: { id },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.threshold ? { threshold: patch.threshold } : {}),
      ...(patch.windowMinutes !== undefined ? { windowMinutes: patch.windowMinutes } : {}), ...(patch.muted !== undefined ? { muted: patch.muted } : {}),
      ...(patch.scope ? { scope: patch.scope } : {}), ...(channels ? { channels: JSON.parse(channels) } : {}),
    },
  });
  await db().auditEntry.create({ data: { teamId, actorId: by.userId ?? null, action: "alert.update", detail: { id, fields: Object.keys(patch), ...actor(by) } } });
  return { id };
}

export async function deleteAlert(teamId: TeamId, by: By, id: string) {
  const { count } = await db().alert.deleteMany({ where: { id, teamId } });
  if (!count) throw notFound(`This team has no alert ${id}.`);
  await db().auditEntry.create({ data: { teamId, actorId: by.userId ?? null, action: "alert.delete", detail: { id, ...actor(by) } } });
}
