"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireTeam } from "@/lib/auth/session";
import { canPublishPolicies } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { rollbackPolicy } from "@/lib/policies/mutations";

const rollbackForm = z.object({ version: z.coerce.number().int().min(1) });

/** The same operation as POST /api/v1/policy/rollback, from the Policies page. */
export async function rollbackPolicyAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canPublishPolicies(ctx.role)) throw forbidden("Only owners and admins can publish policies.");
    await rollbackPolicy(ctx.team.id, { userId: ctx.user.id }, parseForm(rollbackForm, form).version);
    revalidatePath(`/${slug}/policies`);
  });
}
