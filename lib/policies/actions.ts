"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { parseRange } from "@/lib/analytics/range";
import { requireTeam } from "@/lib/auth/session";
import { canEditDrafts, canPublishPolicies } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { saveDraft, setPolicySettings } from "@/lib/policies/drafts";
import { publishPolicy, rollbackPolicy } from "@/lib/policies/mutations";
import { parsePolicy } from "@/lib/policies/schema";
import { simulate } from "@/lib/simulate";
import { DEFAULT_ASSUMPTIONS } from "@/lib/simulate/schema";
import type { SimulationResult } from "@/lib/simulate/format";

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

const policyJson = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: "custom", message: "policy: is not valid JSON" });
    return z.NEVER;
  }
});
const draftForm = z.object({ id: z.string().optional(), name: z.string().trim().min(1, "Give the draft a name.").max(80, "Keep the name under 80 characters."), policy: policyJson, open: z.string().optional() });

/** Saves a draft (new or existing); `open` sends the browser to it in the editor. */
export async function saveDraftAction(slug: string, _prev: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const ctx = await requireTeam(slug);
  const result = await runAction(async () => {
    if (!canEditDrafts(ctx.role)) throw forbidden("Viewers can simulate but not save drafts.");
    const { id, name, policy, open } = parseForm(draftForm, form);
    const saved = await saveDraft(ctx.team.id, ctx.user.id, { id: id || undefined, name, policy: parsePolicy(policy) });
    revalidatePath(`/${slug}/simulate`);
    return open ? `redirect:${saved}` : saved;
  });
  if (result.ok && result.data?.startsWith("redirect:")) redirect(`/${slug}/policies/edit?start=draft:${result.data.slice(9)}`);
  return result;
}

const publishForm = z.object({
  policy: policyJson,
  message: z.string().trim().min(1, "Say why you publish this version (the message is kept in the history).").max(500),
  override: z.string().trim().max(1000).optional(),
  // The guard (contracts §10): a floor in percent and/or "below its projection"; both empty: no guard.
  guardMinSuccess: z.union([z.literal(""), z.coerce.number().min(0, "The guard's floor must be between 0 and 100%.").max(100, "The guard's floor must be between 0 and 100%.")]).optional(),
  guardBelowProjection: z.literal("1").optional(),
});

function guardOf(f: { guardMinSuccess?: number | ""; guardBelowProjection?: "1" }) {
  const minSuccess = f.guardMinSuccess === "" || f.guardMinSuccess === undefined ? undefined : f.guardMinSuccess / 100;
  const belowProjection = f.guardBelowProjection === "1" ? true : undefined;
  return minSuccess === undefined && !belowProjection ? undefined : { minSuccess, belowProjection };
}

/** Publishes the editor's policy: the same operation as PUT /api/v1/policy, gate included. */
export async function publishPolicyAction(slug: string, _prev: ActionState<number>, form: FormData): Promise<ActionState<number>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canPublishPolicies(ctx.role)) throw forbidden("Only owners and admins can publish policies.");
    const fields = parseForm(publishForm, form);
    const version = await publishPolicy(ctx.team.id, { userId: ctx.user.id }, parsePolicy(fields.policy), fields.message, fields.override || undefined, guardOf(fields));
    revalidatePath(`/${slug}/policies`);
    return version;
  });
}

/**
 * The editor's live preview: the draft projected over the last 7 days as every page counts them (the team's
 * days, today included), so its baseline is the Overview's and Simulate's 7-day figure. Anyone may preview.
 */
export async function previewPolicyAction(slug: string, policy: unknown): Promise<ActionState<SimulationResult>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    const { window } = parseRange({ range: "7d" }, ctx.team.timeZone);
    return simulate(ctx.team.id, { from: window.from, to: window.to, policy: parsePolicy(policy), assumptions: DEFAULT_ASSUMPTIONS });
  });
}

const settingsForm = z.object({
  floor: z.union([z.literal(""), z.coerce.number().min(0, "The floor is a percentage between 0 and 100.").max(100, "The floor is a percentage between 0 and 100.")]),
  tolerance: z.coerce.number().min(0, "The tolerance is 0 to 50 points.").max(50, "The tolerance is 0 to 50 points."),
});

export async function setPolicySettingsAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canPublishPolicies(ctx.role)) throw forbidden("Only owners and admins can change the policy gate.");
    const { floor, tolerance } = parseForm(settingsForm, form);
    await setPolicySettings(ctx.team.id, ctx.user.id, { successFloor: floor === "" ? null : floor / 100, suggestTolerance: tolerance / 100 });
    revalidatePath(`/${slug}/policies`);
  });
}
