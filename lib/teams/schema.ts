import { isTimeZone } from "@/lib/analytics/time-zone";
import { z } from "zod";

export const teamNameSchema = z
  .string()
  .trim()
  .min(1, "Give the team a name.")
  .max(64, "Keep the team name under 64 characters.");

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { message: "must be an IANA time zone such as Europe/Berlin or America/New_York" });

export const roleSchema = z.enum(["owner", "admin", "member", "viewer"], { message: "must be owner, admin, member or viewer" });

export const inviteRoleSchema = z.enum(["admin", "member", "viewer"], { message: "must be admin, member or viewer" });

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
