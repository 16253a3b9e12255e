"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { canManageEvaluators } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { startBackfill } from "@/lib/evaluators/backfill";
import { parseBackfillWindow, parseEvaluatorForm } from "@/lib/evaluators/form";
import { createEvaluator, updateEvaluator } from "@/lib/evaluators/mutations";
import { previewBackfill, type BackfillPreview } from "@/lib/evaluators/page-data";
import { conflict, forbidden, notFound } from "@/lib/http/errors";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";
import { cancelJob } from "@/lib/jobs/queue";

const MANAGERS_ONLY = "Only owners and admins can create, change and run evaluators.";

/**
 * Creates an evaluator (then opens its page, where it can be run over past calls) or saves a change as
 * the evaluator's next version: the same operations as POST and PUT /api/v1/evaluators. Answers the version.
 */
export async function saveEvaluatorAction(slug: string, evaluatorId: string | null, _prev: ActionState<number>, form: FormData): Promise<ActionState<number>> {
  const ctx = await requireTeam(slug);
  const result = await runAction(async () => {
    if (!canManageEvaluators(ctx.role)) throw forbidden(MANAGERS_ONLY);
    const body = parseEvaluatorForm(form);
    const by = { userId: ctx.user.id };
    const saved = evaluatorId ? await updateEvaluator(ctx.team.id, by, evaluatorId, body) : await createEvaluator(ctx.team.id, by, body);
    revalidatePath(`/${slug}/evaluators`, "layout");
    return saved;
  });
  if (result.ok && !evaluatorId) redirect(`/${slug}/evaluators/${result.data!.id}?created=1`);
  return { ...result, data: result.data?.version };
}

const dates = z.object({ from: z.string(), to: z.string() });

/** What a backfill over the dates would go through (and a judge's cost), for the form to say before it starts. */
export async function previewBackfillAction(slug: string, evaluatorId: string, from: string, to: string): Promise<ActionState<BackfillPreview>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    const preview = await previewBackfill(ctx.team.id, evaluatorId, parseBackfillWindow({ from, to }, ctx.team.timeZone));
    if (!preview) throw notFound("This evaluator no longer exists.");
    return preview;
  });
}

/** Runs the evaluator over the stored calls of whole days in the team's time zone, as a job: POST /api/v1/evaluators/{id}/backfill. */
export async function startBackfillAction(slug: string, evaluatorId: string, _prev: ActionState<string>, form: FormData): Promise<ActionState<string>> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageEvaluators(ctx.role)) throw forbidden(MANAGERS_ONLY);
    const window = parseBackfillWindow(parseForm(dates, form), ctx.team.timeZone);
    const jobId = await startBackfill(ctx.team.id, evaluatorId, window.from, window.to);
    revalidatePath(`/${slug}/evaluators`, "layout");
    return jobId;
  });
}

export async function cancelBackfillAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireTeam(slug);
  return runAction(async () => {
    if (!canManageEvaluators(ctx.role)) throw forbidden(MANAGERS_ONLY);
    if (!(await cancelJob(ctx.team.id, parseForm(z.object({ jobId: z.string() }), form).jobId))) throw conflict("This run has already ended.");
    revalidatePath(`/${slug}/evaluators`, "layout");
  });
}
