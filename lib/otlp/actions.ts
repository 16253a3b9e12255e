"use server";
import { revalidatePath } from "next/cache";
import { canEditOtlpRules } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { AppError, forbidden, fromZod } from "@/lib/http/errors";
import { runAction, type ActionState } from "@/lib/http/action";
import { taskTypeRulesSchema } from "@/lib/otlp/rules";
import { setTaskTypeRules } from "@/lib/otlp/settings";

/** The rules arrive as one JSON field (`rules`) from the form's rows; errors name `rules.N.field`. */
export async function saveTaskTypeRulesAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canEditOtlpRules(ctx.role)) throw forbidden("Only owners and admins can change the OpenTelemetry task type rules.");
    let raw: unknown;
    try {
      raw = JSON.parse(String(form.get("rules") ?? "[]"));
    } catch {
      throw new AppError("validation_error", "rules: not a list of rules", [{ path: "rules", message: "not a list of rules" }]);
    }
    const rules = taskTypeRulesSchema.safeParse(raw);
    if (!rules.success) throw fromZod(rules.error, "rules", { prefix: ["rules"] });
    await setTaskTypeRules(ctx.team.id, ctx.user.id, rules.data.map((r) => (r.field === "attribute" ? r : { ...r, key: undefined })));
    revalidatePath(`/${slug}/settings`);
  });
}
