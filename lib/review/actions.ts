"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireTeam } from "@/lib/auth/session";
import { canManageEvaluators, canReview } from "@/lib/auth/permissions";
import { forbidden } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { recordReview, setReviewSettings } from "@/lib/review/mutations";

const verdictSchema = z.object({
  callId: z.string().min(1).max(128),
  verdict: z.enum(["pass", "fail", "skip"]),
  reason: z.string().trim().max(1000, "Keep the reason under 1,000 characters.").optional(),
});

/** A verdict from the review screen (keyboard: 1 pass, 2 fail, s skip). */
export async function reviewCallAction(slug: string, input: { callId: string; verdict: "pass" | "fail" | "skip"; reason?: string }): Promise<ActionState<number>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canReview(ctx.role)) throw forbidden("Viewers cannot review calls.");
    const form = new FormData();
    for (const [k, v] of Object.entries(input)) if (typeof v === "string") form.set(k, v);
    const { callId, verdict, reason } = parseForm(verdictSchema, form);
    const { seconds } = await recordReview(ctx.team.id, ctx.user.id, callId, verdict === "skip" ? null : verdict === "pass" ? 1 : 0, reason || null);
    return seconds;
  });
}

const settingsSchema = z.object({
  perDay: z.coerce.number().int("A whole number of calls.").min(0, "0 to 1,000 calls.").max(1000, "0 to 1,000 calls."),
  failures: z.string().optional(),
  hourly: z.union([z.literal(""), z.coerce.number().min(0, "The rate is 0 or more.").max(10_000, "At most $10,000 an hour.")]),
});

export async function reviewSettingsAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageEvaluators(ctx.role)) throw forbidden("Only owners and admins change the review plan.");
    const { perDay, failures, hourly } = parseForm(settingsSchema, form);
    await setReviewSettings(ctx.team.id, ctx.user.id, { reviewPerDay: perDay, reviewEvaluatorFailures: failures === "on", reviewerHourlyUsd: hourly === "" ? null : hourly });
    revalidatePath(`/${slug}/review`);
  });
}
