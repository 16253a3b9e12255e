// What each team role may do. Pages hide what a role cannot do; mutations check again.
import type { Role } from "@prisma/client";

const managers: Role[] = ["owner", "admin"];

export const canManageMembers = (role: Role) => managers.includes(role);
export const canManageKeys = (role: Role) => managers.includes(role);
export const canRenameTeam = (role: Role) => managers.includes(role);
export const canManagePrices = (role: Role) => managers.includes(role);
export const canPublishPolicies = (role: Role) => managers.includes(role);
export const canChangeCapture = (role: Role) => managers.includes(role);
export const canChangeTimeZone = (role: Role) => managers.includes(role);
export const canChangeRetention = (role: Role) => managers.includes(role);
export const canEditOtlpRules = (role: Role) => managers.includes(role);
export const canEditDrafts = (role: Role) => role !== "viewer";
export const canManageEvaluators = (role: Role) => managers.includes(role);
export const canManageAlerts = (role: Role) => managers.includes(role);
/** Labelling calls in the review queue: anyone who works on the team, not viewers. */
export const canReview = (role: Role) => role !== "viewer";

/** Only owners hand out or take away ownership; admins manage everyone below owner. */
export function canAssignRole(actor: Role, from: Role | null, to: Role) {
  if (!canManageMembers(actor)) return false;
  if (actor === "owner") return true;
  return from !== "owner" && to !== "owner";
}

export const ROLES: Role[] = ["owner", "admin", "member", "viewer"];
