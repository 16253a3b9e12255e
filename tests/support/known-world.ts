// A known world for checking the simulator's projections (npm run bench:prediction and
// tests/integration/prediction.integration.test.ts): answers are right with a known probability per task
// type, model, context size and agent step; output tokens and latency are drawn per call and per model.
// The fake OpenAI server answers from it. Every draw is a seeded hash of the task and the model, so the
// same traffic gets the same answers; only which calls the SDK samples for shadowing is not seeded (the
// SDK draws that from Math.random), unless the sample rate is 1.
import { logNormal, seeded, type Random } from "@/lib/demo/distributions";
import type { Behaviour } from "@/packages/fake-openai/src/server";

export const MINI = "gpt-5.4-mini";
export const NANO = "gpt-5.4-nano";

export const TASK_TYPES = ["classify", "extract", "summarize", "tool_agent"] as const;
export type TaskType = (typeof TASK_TYPES)[number];

/** One call of the app. A tool_agent run is several, one per step, sharing a trace id. */
export type Task = { key: string; taskType: TaskType; step: number; contextTokens: number; traceId?: string };
/** What the app runs as one unit: a single call, or an agent run's steps in order. */
export type Job = Task[];

/**
 * The mini-vs-nano article's figures: close on classification, nano behind on extraction, far behind on
 * summaries of documents over 3,000 tokens and on an agent's later tool calls (it loses track of earlier results).
 */
export function successProbability(taskType: TaskType, model: string, contextTokens: number, step: number): number {
  const nano = model === NANO;
  if (taskType === "classify") return nano ? 0.95 : 0.97;
  if (taskType === "extract") return nano ? 0.897 : 0.942;
  if (taskType === "summarize") return contextTokens <= 3000 ? (nano ? 0.91 : 0.95) : nano ? 0.62 : 0.93;
  return step === 0 ? (nano ? 0.96 : 0.97) : nano ? 0.8 : 0.95;
}

/** Median output tokens on mini; nano writes about 15% more. Log-normal per call. */
const OUTPUT_MEDIAN: Record<TaskType, number> = { classify: 8, extract: 160, summarize: 300, tool_agent: 60 };
const NANO_VERBOSITY = 1.15;
const OUTPUT_SIGMA = 0.35;

/** Median latency per model (the article's time to first token; nano about 35% faster). Log-normal per call. */
const LATENCY_MEDIAN_MS: Record<string, number> = { [MINI]: 420, [NANO]: 275 };
const LATENCY_SIGMA = 0.25;

/** Context sizes, log-uniform between the bounds; an agent's context grows by STEP_GROWTH a step. */
const CONTEXT: Record<TaskType, [number, number]> = { classify: [80, 1500], extract: [300, 4500], summarize: [1000, 9000], tool_agent: [300, 950] };
const STEP_GROWTH = 1150;
export const AGENT_STEPS = 3;

export const TOOLS = ["lookup_order", "refund_order"].map((name) => ({
  type: "function" as const,
  function: { name, parameters: { type: "object", properties: { order_id: { type: "string" } } } },
}));

/** A number in [0, 1) from a key: FNV-1a, mixed through the demo's PRNG. */
function draw(key: string): Random {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return seeded(h);
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * `calls` calls split by `mix` (shares of calls per task type), in random order. Context sizes are a
 * stratified sample (one draw in each 1/n-quantile of the distribution), so two runs of the same size
 * carry the same traffic mix up to jitter: what differs between them is each call's answer, tokens and latency.
 */
export function traffic(seed: number, calls: number, mix: Record<TaskType, number>): Job[] {
  const random = seeded(seed);
  const total = TASK_TYPES.reduce((s, t) => s + mix[t], 0);
  const jobs: Job[] = [];
  for (const taskType of TASK_TYPES) {
    const [lo, hi] = CONTEXT[taskType];
    const steps = taskType === "tool_agent" ? AGENT_STEPS : 1;
    const n = Math.round((calls * mix[taskType]) / total / steps);
    const quantiles = shuffle(Array.from({ length: n }, (_, i) => (i + random()) / n), random);
    quantiles.forEach((q, i) => {
      const id = `${seed}-${taskType}-${i}`;
      const size = lo * (hi / lo) ** q;
      jobs.push(Array.from({ length: steps }, (_, step) => ({
        key: steps > 1 ? `${id}-${step}` : id, taskType, step, contextTokens: Math.round(size + STEP_GROWTH * step), ...(steps > 1 ? { traceId: `run-${id}` } : {}),
      })));
    });
  }
  return shuffle(jobs, random);
}

// The SDK estimates a chat prompt's size as ceil(length of JSON.stringify(messages) / 4): the prompt is
// padded to make that estimate the task's context size, and it carries the task for the server to read.
const EMPTY_MESSAGES = JSON.stringify([{ role: "user", content: "" }]).length;
const HEADER = /^task (\S+) (\S+) step (\d+) ctx (\d+) /;

export function messagesFor(task: Task) {
  const header = `task ${task.key} ${task.taskType} step ${task.step} ctx ${task.contextTokens} `;
  return [{ role: "user" as const, content: header.padEnd(task.contextTokens * 4 - EMPTY_MESSAGES, "x") }];
}

/** The fake server's answer to a request: right or wrong by the world's probability, with its tokens and delay. */
export function answer(body: Record<string, unknown>): Behaviour {
  const messages = body.messages as { content?: string }[] | undefined;
  const m = HEADER.exec(messages?.[0]?.content ?? "");
  const model = String(body.model);
  // A 500 makes the app's call throw, so a request outside the world stops the run instead of skewing it.
  if (!m || !(model in LATENCY_MEDIAN_MS)) return { kind: "error" };
  const [, key, taskType, step, ctx] = m;
  const t = taskType as TaskType;
  const right = draw(`${key}|${model}|right`)() < successProbability(t, model, Number(ctx), Number(step));
  const median = OUTPUT_MEDIAN[t] * (model === NANO ? NANO_VERBOSITY : 1);
  return {
    delayMs: logNormal(draw(`${key}|${model}|latency`), LATENCY_MEDIAN_MS[model], LATENCY_SIGMA),
    text: right ? "RIGHT" : "WRONG",
    usage: { output: Math.max(1, Math.round(logNormal(draw(`${key}|${model}|output`), median, OUTPUT_SIGMA))) },
  };
}

/** The app's check (the SDK's `validate`), for served and shadow answers alike. */
export function validate(response: unknown): true | string {
  const text = (response as { choices?: { message?: { content?: string | null } }[] }).choices?.[0]?.message?.content;
  return text === "RIGHT" ? true : "wrong answer";
}
