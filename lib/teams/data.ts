import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";

export async function listTeamsForUser(userId: string) {
  const rows = await db().membership.findMany({
    where: { userId },
    include: { team: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ ...m.team, role: m.role }));
}

/** The membership behind the session gate; null when the team does not exist or the user is not in it. */
export async function findMembershipBySlug(userId: string, slug: string) {
  return db().membership.findFirst({
    where: { userId, team: { slug } },
    include: { team: { select: { id: true, name: true, slug: true, timeZone: true, retentionDays: true, captureContent: true } } },
  });
}

export async function listMembers(teamId: TeamId) {
  const rows = await db().membership.findMany({
    where: { teamId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ ...m.user, role: m.role, joinedAt: m.createdAt }));
}

export async function listOpenInvites(teamId: TeamId) {
  return db().invite.findMany({
    where: { teamId, usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, createdAt: true, expiresAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export function hashInviteToken(token: string) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** What the invite page shows before the user accepts. */
export async function findInvite(token: string) {
  return db().invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: { id: true, role: true, expiresAt: true, usedAt: true, team: { select: { name: true, slug: true } } },
  });
}

/** A team of this name that the user owns (headless start-up uses it to stay idempotent). */
export async function findOwnedTeamByName(userId: string, name: string) {
  const membership = await db().membership.findFirst({
    where: { userId, role: "owner", team: { name } },
    include: { team: { select: { id: true, name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  return membership?.team ?? null;
}

/** The settings PATCH /api/v1/settings answers with. */
export function getTeamSettings(teamId: TeamId) {
  return db().team.findUniqueOrThrow({ where: { id: teamId }, select: { name: true, slug: true, timeZone: true, captureContent: true, retentionDays: true, contentRetentionDays: true } });
}

/** The review queue's plan and the reviewer rate (Review page). */
export function getReviewSettings(teamId: TeamId) {
  return db().team.findUniqueOrThrow({ where: { id: teamId }, select: { captureContent: true, reviewPerDay: true, reviewEvaluatorFailures: true, reviewerHourlyUsd: true } });
}

/** What the ingest path needs to know about a team: its compact key, whether it keeps content and has evaluators. */
export async function getTeamStorage(teamId: TeamId) {
  return db().team.findUniqueOrThrow({ where: { id: teamId }, select: { seq: true, captureContent: true, evaluating: true } });
}
