"use server";
import { revalidatePath } from "next/cache";
import { requireTeam } from "@/lib/auth/session";
import { canManageKeys } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { createKeySchema } from "@/lib/api-keys/schema";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/mutations";

type Created = { secret: string; name: string };

export async function createKeyAction(slug: string, _prev: ActionState<Created>, form: FormData): Promise<ActionState<Created>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageKeys(ctx.role)) throw forbidden("Only owners and admins can create API keys.");
    const key = await createApiKey(ctx.team.id, ctx.user.id, parseForm(createKeySchema, form));
    revalidatePath(`/${slug}/settings/api-keys`);
    return { secret: key.secret, name: key.name };
  });
}

export async function revokeKeyAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageKeys(ctx.role)) throw forbidden("Only owners and admins can revoke API keys.");
    await revokeApiKey(ctx.team.id, ctx.user.id, String(form.get("keyId") ?? ""));
    revalidatePath(`/${slug}/settings/api-keys`);
  });
}
