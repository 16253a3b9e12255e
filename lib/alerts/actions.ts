"use server";
// The Alerts page's actions: the same operations as /api/v1/alerts, for owners and admins.
import { revalidatePath } from "next/cache";
import { canManageAlerts } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { forbidden } from "@/lib/http/errors";
import { runAction, type ActionState } from "@/lib/http/action";
import { parseAlertForm } from "@/lib/alerts/form";
import { createAlert, deleteAlert, updateAlert } from "@/lib/alerts/mutations";

const MANAGERS_ONLY = "Only owners and admins can create and change alerts.";

async function managed(slug: string) {
  const ctx = await requireTeam(slug);
  if (!canManageAlerts(ctx.role)) throw forbidden(MANAGERS_ONLY);
  return ctx;
}

export async function createAlertAction(slug: string, _prev: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  return runAction(async () => {
    const ctx = await managed(slug);
    const { id } = await createAlert(ctx.team.id, { userId: ctx.user.id }, parseAlertForm(form));
    revalidatePath(`/${slug}/alerts`);
    return id;
  });
}

export async function setAlertMutedAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const ctx = await managed(slug);
    await updateAlert(ctx.team.id, { userId: ctx.user.id }, String(form.get("id")), { muted: form.get("muted") === "1" });
    revalidatePath(`/${slug}/alerts`);
  });
}

export async function deleteAlertAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const ctx = await managed(slug);
    await deleteAlert(ctx.team.id, { userId: ctx.user.id }, String(form.get("id")));
    revalidatePath(`/${slug}/alerts`);
  });
}

/** Clears the bell: every firing of the team marked read (any member). */
export async function markFiringsReadAction(slug: string, _prev: ActionState): Promise<ActionState> {
  return runAction(async () => {
    const ctx = await requireTeam(slug);
    await db().alertFiring.updateMany({ where: { teamId: ctx.team.id, readAt: null }, data: { readAt: new Date() } });
    revalidatePath(`/${slug}`, "layout");
  });
}
