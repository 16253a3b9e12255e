// The demo's evidence beyond app labels, made through the same code as a team's own: two evaluators (a
// JSON Schema check on extractions, and an LLM judge on summaries whose "model" is a local stand-in that
// fails summaries covering only the first half, and misjudges about one in twenty-five) run as backfills on the
// job queue, and a few hundred reviews through the review queue with measured-looking times, so the
// Evaluators and Review pages, the call pages and Simulate's review cost all have something to show.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { startBackfill } from "@/lib/evaluators/backfill";
import { createEvaluator, setEvaluatorEnabled } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { getInstanceSetting } from "@/lib/instance/data";
import { setInstanceSetting } from "@/lib/instance/mutations";
import { getJob } from "@/lib/jobs/queue";
import { workUntilIdle } from "@/lib/jobs/worker";
import { recordReview, setReviewSettings } from "@/lib/review/mutations";
import { holdItems, topUp } from "@/lib/review/queue";
import { stableFraction } from "@switchyard/sdk";
import { startFakeOpenAI } from "@/packages/fake-openai/src/server";

const DAY_MS = 86_400_000;
const REVIEWS = 300;
const INVOICE_SCHEMA = { type: "object", required: ["invoice", "total"], properties: { invoice: { type: "string" }, total: { type: "number" } } };
const RUBRIC = "Does this summary cover the whole report, start to end? Report:\n{{input}}\n\nSummary:\n{{output}}";

/** The stand-in judge: it reads the summary in the prompt and fails one that covers the first half only. */
function demoJudge(body: Record<string, unknown>) {
  const prompt = String((body.messages as { content?: string }[] | undefined)?.at(-1)?.content ?? "");
  const right = !prompt.includes("first half only");
  const misjudged = stableFraction(`judge:${prompt}`) < 0.04;
  const pass = right !== misjudged;
  return { text: JSON.stringify({ verdict: pass ? "pass" : "fail", reason: pass ? "covers the report start to end" : "stops halfway through the report" }), usage: { input: Math.ceil(prompt.length / 4) + 60, output: 18 } };
}

/** What a careful reviewer concludes from the captured call (the demo content says it plainly), wrong 3% of the time. */
function reviewerVerdict(input: string, output: string, callId: string): 0 | 1 | null {
  let right: boolean | null = null;
  const topic = /about (\w+)\./.exec(input)?.[1];
  if (topic) right = output.trim() === topic;
  else if (input.includes("invoice")) {
    try {
      right = typeof (JSON.parse(output) as { total?: unknown }).total === "number";
    } catch {
      right = false;
    }
  } else if (input.includes("Summarize")) right = !output.includes("first half only");
  if (right === null) return null;
  return (right !== stableFraction(`review:${callId}`) < 0.03) ? 1 : 0;
}

export async function seedDemoEvidence(teamId: TeamId, ownerId: string, anchor: number, log: (line: string) => void) {
  if (await getInstanceSetting("demo_evidence_done")) return;
  const from = new Date(anchor - 8 * DAY_MS), to = new Date(Math.min(Date.now(), anchor));
  const invoice = await createEvaluator(teamId, { userId: ownerId }, evaluatorBodySchema.parse({
    name: "Invoice has a total", kind: "json_schema", config: { schema: INVOICE_SCHEMA }, scope: { taskTypes: ["extract"] },
  }));
  const judge = await startFakeOpenAI({ behave: demoJudge });
  let judgeId: string | null = null;
  try {
    const summaries = await createEvaluator(teamId, { userId: ownerId }, evaluatorBodySchema.parse({
      name: "Summary covers the whole report", kind: "llm_judge", scope: { taskTypes: ["summarize"] },
      config: { baseUrl: judge.url, apiKey: "demo-judge-key", model: "gpt-5.4-nano", rubric: RUBRIC, dailyCapUsd: 5 },
    }));
    judgeId = summaries.id;
    const jobs = [await startBackfill(teamId, invoice.id, from, to), await startBackfill(teamId, summaries.id, from, to)];
    // The server's own worker may be running a step too: wait for both jobs, not just for an idle queue.
    for (let waited = 0; waited < 300_000; waited += 200) {
      await workUntilIdle();
      const states = await Promise.all(jobs.map((id) => getJob(teamId, id)));
      if (states.every((j) => j && ["done", "failed", "cancelled"].includes(j.state))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await judge.close();
    // The stand-in judge is gone after seeding: new calls must not wait for it (its verdicts stay).
    if (judgeId) await setEvaluatorEnabled(teamId, { userId: ownerId }, judgeId, false);
  }

  // Reviews: ten calls per task type × model on each of the last days, reviewed at 15-70 s each, $45 an hour.
  await setReviewSettings(teamId, ownerId, { reviewPerDay: 10, reviewEvaluatorFailures: false, reviewerHourlyUsd: 45 });
  for (let day = anchor - 7 * DAY_MS; day < anchor; day += DAY_MS) await topUp(teamId, new Date(day + DAY_MS / 2));
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { seq: true } });
  let reviewed = 0;
  while (reviewed < REVIEWS) {
    const items = await holdItems(teamId, ownerId, 10);
    if (!items.length) break;
    for (const item of items) {
      const verdict = reviewerVerdict(item.input ?? "", item.output ?? "", item.callId);
      // As if the reviewer had spent these seconds on it: the item held, and the previous verdict given, that long ago.
      const seconds = 15 + Math.floor(stableFraction(`time:${item.callId}`) * 55);
      await db().$executeRaw`UPDATE "ReviewItem" SET "heldAt" = now() - make_interval(secs => ${seconds}) WHERE "teamSeq" = ${seq} AND "callId" = ${item.callId}`;
      await db().$executeRaw`UPDATE "Review" SET "at" = "at" - make_interval(secs => ${seconds}) WHERE "teamSeq" = ${seq} AND "reviewerId" = ${ownerId}`;
      await recordReview(teamId, ownerId, item.callId, verdict, null);
      reviewed += verdict === null ? 0 : 1;
    }
  }
  await setReviewSettings(teamId, ownerId, { reviewPerDay: 5, reviewEvaluatorFailures: true, reviewerHourlyUsd: 45 });
  await setInstanceSetting("demo_evidence_done", "1");
  log(`demo evidence: 2 evaluators, ${reviewed} reviews`);
}
