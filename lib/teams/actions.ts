"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireTeam, requireUser } from "@/lib/auth/session";
import { canChangeCapture, canChangeRetention, canChangeTimeZone, canManageMembers, canRenameTeam } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { inviteRoleSchema, roleSchema, teamNameSchema, timeZoneSchema } from "@/lib/teams/schema";
import { acceptInvite, createInvite, createTeam, removeMember, renameTeam, revokeInvite, setContentCapture, setRetention, setTimeZone, updateMemberRole } from "@/lib/teams/mutations";
import { retentionSchema } from "@/lib/retention/schema";

const nameForm = z.object({ name: teamNameSchema });

export async function createTeamAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  const result = await runAction(async () => createTeam(user.id, parseForm(nameForm, form).name));
  if (result.ok && result.data) redirect(`/${result.data.slug}`);
  return { ...result, data: undefined };
}

export async function renameTeamAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canRenameTeam(ctx.role)) throw forbidden("Only owners and admins can rename the team.");
    await renameTeam(ctx.team.id, ctx.user.id, parseForm(nameForm, form).name);
    revalidatePath(`/${slug}`, "layout");
  });
}

export async function createInviteAction(slug: string, _prev: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageMembers(ctx.role)) throw forbidden("Only owners and admins can invite people.");
    const { role } = parseForm(z.object({ role: inviteRoleSchema }), form);
    const { token } = await createInvite(ctx.team.id, ctx.user.id, role);
    revalidatePath(`/${slug}/settings/members`);
    return `/invite/${token}`;
  });
}

export async function revokeInviteAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageMembers(ctx.role)) throw forbidden("Only owners and admins can revoke invites.");
    await revokeInvite(ctx.team.id, ctx.user.id, String(form.get("inviteId") ?? ""));
    revalidatePath(`/${slug}/settings/members`);
  });
}

const memberForm = z.object({ userId: z.string().min(1), role: roleSchema });

export async function changeRoleAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    const { userId, role } = parseForm(memberForm, form);
    await updateMemberRole(ctx.team.id, { id: ctx.user.id, role: ctx.role }, userId, role);
    revalidatePath(`/${slug}/settings/members`);
  });
}

export async function removeMemberAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    await removeMember(ctx.team.id, { id: ctx.user.id, role: ctx.role }, String(form.get("userId") ?? ""));
    revalidatePath(`/${slug}/settings/members`);
  });
}

export async function acceptInviteAction(token: string, _prev: ActionState): Promise<ActionState> {
  const user = await requireUser(`/invite/${token}`);
  const result = await runAction(() => acceptInvite(token, user.id));
  if (result.ok && result.data) redirect(`/${result.data.slug}`);
  return { ...result, data: undefined };
}

export async function setCaptureAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canChangeCapture(ctx.role)) throw forbidden("Only owners and admins can change content capture.");
    await setContentCapture(ctx.team.id, ctx.user.id, form.get("capture") === "on");
    revalidatePath(`/${slug}/settings`);
  });
}

export async function setTimeZoneAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canChangeTimeZone(ctx.role)) throw forbidden("Only owners and admins can change the team's time zone.");
    await setTimeZone(ctx.team.id, ctx.user.id, parseForm(z.object({ timeZone: timeZoneSchema }), form).timeZone);
    revalidatePath(`/${slug}`, "layout");
  });
}

/** Retention from Settings → General: days typed as text; an empty content field keeps content as long as calls. */
const retentionForm = z.object({
  retentionDays: z.coerce.number({ message: "must be a whole number of days" }).pipe(retentionSchema.shape.retentionDays.unwrap()),
  contentRetentionDays: z.preprocess((v) => (v === "" || v === null ? null : Number(v)), retentionSchema.shape.contentRetentionDays.unwrap()),
});

export async function setRetentionAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canChangeRetention(ctx.role)) throw forbidden("Only owners and admins can change retention.");
    await setRetention(ctx.team.id, ctx.user.id, parseForm(retentionForm, form));
    revalidatePath(`/${slug}/settings`);
  });
}
