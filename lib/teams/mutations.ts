import crypto from "node:crypto";
import type { Prisma, Role } from "@prisma/client";
import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";
import { canAssignRole } from "@/lib/auth/permissions";
import { AppError, forbidden, notFound } from "@/lib/http/errors";
import { announceSdkSettings, announceSdkSettingsInProcess } from "@/lib/policies/changes";
import { hashInviteToken } from "@/lib/teams/data";
import { INVITE_TTL_MS } from "@/lib/teams/schema";
import { slugCandidates } from "@/lib/teams/slug";
import { seedDefaultPrices } from "@/lib/pricing/mutations";
import { retentionIssues, type Retention } from "@/lib/retention/schema";
import { ensureRetentionJob } from "@/lib/retention/job";

type Tx = Prisma.TransactionClient;

/** Creates a team owned by `ownerId` inside the caller's transaction, with the first free slug. */
export async function insertTeam(tx: Tx, ownerId: string, name: string) {
  const candidates = slugCandidates(name);
  const taken = new Set((await tx.team.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((t) => t.slug));
  const slug = candidates.find((c) => !taken.has(c)) ?? `${candidates[0]}-${crypto.randomUUID().slice(0, 8)}`;
  const team = await tx.team.create({ data: { name, slug }, select: { id: true, name: true, slug: true } });
  await tx.membership.create({ data: { teamId: team.id, userId: ownerId, role: "owner" } });
  await seedDefaultPrices(tx, team.id);
  await tx.auditEntry.create({ data: { teamId: team.id, actorId: ownerId, action: "team.create", detail: { name } } });
  return team;
}

export async function createTeam(ownerId: string, name: string) {
  return db().$transaction((tx) => insertTeam(tx, ownerId, name));
}

export async function renameTeam(teamId: TeamId, actorId: string, name: string) {
  await db().$transaction([
    db().team.update({ where: { id: teamId }, data: { name } }),
    db().auditEntry.create({ data: { teamId, actorId, action: "team.rename", detail: { name } } }),
  ]);
}

/** Returns the one-time token; only its hash is stored. */
export async function createInvite(teamId: TeamId, actorId: string, role: Role) {
  const token = crypto.randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITE_TTL_MS);
  await db().$transaction([
    db().invite.create({ data: { teamId, role, tokenHash: hashInviteToken(token), createdById: actorId, expiresAt } }),
    db().auditEntry.create({ data: { teamId, actorId, action: "invite.create", detail: { role } } }),
  ]);
  return { token, expiresAt };
}

export async function revokeInvite(teamId: TeamId, actorId: string, inviteId: string) {
  const { count } = await db().invite.deleteMany({ where: { id: inviteId, teamId, usedAt: null } });
  if (count === 0) throw notFound("That invite no longer exists.");
  await db().auditEntry.create({ data: { teamId, actorId, action: "invite.revoke", detail: { inviteId } } });
}

export class InviteError extends AppError {
  constructor(message: string) {
    super("validation_error", message, [{ path: "token", message }]);
  }
}

/** Joins the invite's team; the invite is spent in the same transaction, so it works exactly once. */
export async function acceptInvite(token: string, userId: string) {
  return db().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({
      where: { tokenHash: hashInviteToken(token) },
      include: { team: { select: { slug: true, name: true } } },
    });
    if (!invite) throw new InviteError("This invite link is not valid. Ask a team admin for a new one.");
    const existing = await tx.membership.findUnique({ where: { teamId_userId: { teamId: invite.teamId, userId } } });
    if (existing) return invite.team;
    if (invite.usedAt) throw new InviteError("This invite link has already been used. Ask a team admin for a new one.");
    if (invite.expiresAt <= new Date()) throw new InviteError("This invite link has expired. Ask a team admin for a new one.");
    const spent = await tx.invite.updateMany({
      where: { id: invite.id, usedAt: null },
      data: { usedAt: new Date(), usedById: userId },
    });
    if (spent.count === 0) throw new InviteError("This invite link has already been used. Ask a team admin for a new one.");
    await tx.membership.create({ data: { teamId: invite.teamId, userId, role: invite.role } });
    await tx.auditEntry.create({ data: { teamId: invite.teamId, actorId: userId, action: "member.join", detail: { role: invite.role } } });
    return invite.team;
  });
}

async function ownerCount(tx: Tx, teamId: TeamId) {
  return tx.membership.count({ where: { teamId, role: "owner" } });
}

export async function updateMemberRole(teamId: TeamId, actor: { id: string; role: Role }, userId: string, role: Role) {
  await db().$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!target) throw notFound("That person is not a member of this team.");
    if (!canAssignRole(actor.role, target.role, role)) throw forbidden("Your role cannot make this change.");
    if (target.role === "owner" && role !== "owner" && (await ownerCount(tx, teamId)) === 1) {
      throw forbidden("A team needs at least one owner; make someone else owner first.");
    }
    await tx.membership.update({ where: { teamId_userId: { teamId, userId } }, data: { role } });
    await tx.auditEntry.create({ data: { teamId, actorId: actor.id, action: "member.role", detail: { userId, from: target.role, to: role } } });
  });
}

export async function removeMember(teamId: TeamId, actor: { id: string; role: Role }, userId: string) {
  await db().$transaction(async (tx) => {
    const target = await tx.membership.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (!target) throw notFound("That person is not a member of this team.");
    if (!canAssignRole(actor.role, target.role, "viewer")) throw forbidden("Your role cannot remove this member.");
    if (target.role === "owner" && (await ownerCount(tx, teamId)) === 1) {
      throw forbidden("A team needs at least one owner; make someone else owner first.");
    }
    await tx.membership.delete({ where: { teamId_userId: { teamId, userId } } });
    await tx.auditEntry.create({ data: { teamId, actorId: actor.id, action: "member.remove", detail: { userId } } });
  });
}

export async function setTimeZone(teamId: TeamId, actorId: string, timeZone: string) {
  await db().$transaction([
    db().team.update({ where: { id: teamId }, data: { timeZone } }),
    db().auditEntry.create({ data: { teamId, actorId, action: "team.time_zone", detail: { timeZone } } }),
  ]);
}

/** `actorId` null with `keyId` when an admin key changed it (PATCH /api/v1/settings). */
/** Connected SDKs that follow the team's setting hear of it within a second (it travels with the policy). */
/**
 * Changes how long raw calls (and content alone) are kept; the team's sweep runs within a minute and then
 * daily (lib/retention/sweep.ts). Content kept longer than calls is refused by name.
 */
export async function setRetention(teamId: TeamId, actorId: string | null, change: Retention, keyId?: string) {
  const current = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { retentionDays: true, contentRetentionDays: true } });
  const next = { ...current, ...change };
  const issues = retentionIssues(next);
  if (issues.length) throw new AppError("validation_error", `${issues[0].path} ${issues[0].message}`, issues);
  await db().$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: next });
    await tx.auditEntry.create({ data: { teamId, actorId, action: "team.retention", detail: { ...next, ...(keyId ? { keyId } : {}) } } });
  });
  await ensureRetentionJob(teamId, { now: true });
}

export async function setContentCapture(teamId: TeamId, actorId: string | null, enabled: boolean, keyId?: string) {
  await db().$transaction(async (tx) => {
    await tx.team.update({ where: { id: teamId }, data: { captureContent: enabled } });
    await tx.auditEntry.create({ data: { teamId, actorId, action: "team.capture", detail: { enabled, ...(keyId ? { keyId } : {}) } } });
    await announceSdkSettings(tx, teamId);
  });
  announceSdkSettingsInProcess(teamId);
}
