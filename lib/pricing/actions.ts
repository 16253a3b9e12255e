"use server";
import { revalidatePath } from "next/cache";
import { requireTeam } from "@/lib/auth/session";
import { canManagePrices } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { deletePrice, setPrice } from "@/lib/pricing/mutations";
import { repriceInBackground } from "@/lib/pricing/reprice";
import { priceFormSchema } from "@/lib/pricing/schema";

export async function setPriceAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManagePrices(ctx.role)) throw forbidden("Only owners and admins can edit prices.");
    await setPrice(ctx.team.id, ctx.user.id, parseForm(priceFormSchema, form));
    void repriceInBackground();
    revalidatePath(`/${slug}`, "layout");
  });
}

export async function deletePriceAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManagePrices(ctx.role)) throw forbidden("Only owners and admins can edit prices.");
    await deletePrice(ctx.team.id, ctx.user.id, String(form.get("priceId") ?? ""));
    void repriceInBackground();
    revalidatePath(`/${slug}`, "layout");
  });
}
