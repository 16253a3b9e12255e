// The proof on a known world (issue 11 §4): phase 1 runs every call on mini with nano shadowed, the
// simulator projects a candidate policy from it, phase 2 runs that policy on a fresh team (alongside
// phase 1: tests/support/world-driver.ts). Here are the policies, what phase 2 did (read from its stored
// calls, not from rollups), and the projection's error figure by figure.
import { choose, type Policy } from "@switchyard/sdk";
import { db } from "@/lib/db";
import type { SimulationResult } from "@/lib/simulate/format";
import { MINI, NANO, successProbability, TASK_TYPES, type Job, type TaskType } from "@/tests/support/known-world";

export const phaseOnePolicy = (shadowRate: number): Policy => ({ defaultModel: MINI, shadow: [{ when: {}, model: NANO, sampleRate: shadowRate }] });

/** Routes on task type and context size: the 3,000-token line for summaries, the first step (≤ 1,000 tokens) of agent runs. */
export const CANDIDATE: Policy = {
  defaultModel: MINI,
  rules: [
    { id: "classify-on-nano", when: { taskType: ["classify"] }, model: NANO },
    { id: "short-summaries-on-nano", when: { taskType: ["summarize"], contextTokens: { lte: 3000 } }, model: NANO },
    { id: "agent-first-step-on-nano", when: { taskType: ["tool_agent"], contextTokens: { lte: 1000 } }, model: NANO },
  ],
};

type Count = { tasks: number; success: number; labeled: number };
export type Realized = Count & { costNanos: number; latencyP50Ms: number; byTaskType: Record<string, Count> };

/** What a team's production first attempts did: cost, labels and latency p50 from the stored calls themselves. */
export async function getRealized(seq: number): Promise<Realized> {
  const rows = await db().$queryRaw<{ taskType: string; tasks: bigint; priced: bigint; cost: bigint; success: bigint; labeled: bigint }[]>`
    SELECT "taskType", count(*)::int8 AS tasks, count("costNanos")::int8 AS priced, coalesce(sum("costNanos"), 0)::int8 AS cost,
           count(*) FILTER (WHERE "outcome" = 1)::int8 AS success, count("outcome")::int8 AS labeled
    FROM "Call" WHERE "teamSeq" = ${seq} AND "shadowOf" IS NULL AND "attempt" = 1 GROUP BY 1`;
  const [{ p50 }] = await db().$queryRaw<{ p50: number }[]>`
    SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY "latencyMs") AS p50 FROM "Call" WHERE "teamSeq" = ${seq} AND "shadowOf" IS NULL AND "attempt" = 1`;
  if (rows.some((r) => r.priced !== r.tasks)) throw new Error("some calls have no cost: a model is missing from the catalog");
  const count = (r: (typeof rows)[number]): Count => ({ tasks: Number(r.tasks), success: Number(r.success), labeled: Number(r.labeled) });
  const sum = (k: keyof Count) => rows.reduce((n, r) => n + count(r)[k], 0);
  return {
    tasks: sum("tasks"), success: sum("success"), labeled: sum("labeled"), costNanos: rows.reduce((n, r) => n + Number(r.cost), 0),
    latencyP50Ms: Number(p50), byTaskType: Object.fromEntries(rows.map((r) => [r.taskType, count(r)])),
  };
}

/**
 * The standard error of projected minus realized success that sampling alone gives, per task type and
 * overall. Each part of a task type (the calls the policy sends to one model) is estimated from phase 1's
 * labels of it (every call on mini, the shadow sample on nano) and realized on phase 2's calls of it, two
 * independent binomial samples: a part with share w of the task type adds w² · p(1 − p) · (1/n₁ + 1/n₂).
 */
export function successNoise(policy: Policy, phaseOne: Job[], phaseTwo: Job[], shadowRate: number): Record<string, number> {
  const parts = new Map<string, { taskType: TaskType; n1: number; n2: number; pq: number }>();
  const partOf = (task: Job[number]) => {
    const { model } = choose(policy, { taskType: task.taskType, contextTokens: task.contextTokens, toolCount: task.taskType === "tool_agent" ? 2 : 0, callId: task.key });
    const key = `${task.taskType}|${model}`;
    if (!parts.has(key)) parts.set(key, { taskType: task.taskType, n1: 0, n2: 0, pq: 0 });
    return { model, part: parts.get(key)! };
  };
  for (const task of phaseOne.flat()) {
    const { model, part } = partOf(task); // phase 1 served every call on mini and shadowed a sample on nano
    part.n1 += model === MINI ? 1 : shadowRate;
  }
  for (const task of phaseTwo.flat()) {
    const { model, part } = partOf(task);
    const p = successProbability(task.taskType, model, task.contextTokens, task.step);
    part.n2 += 1;
    part.pq += p * (1 - p);
  }
  // Per task type: Σ n₂² · mean p(1 − p) · (1/n₁ + 1/n₂) over its parts, and its calls; divided by calls² below.
  const byType = new Map<string, { calls: number; sum: number }>();
  for (const x of parts.values()) {
    const t = byType.get(x.taskType) ?? { calls: 0, sum: 0 };
    t.calls += x.n2;
    t.sum += x.n2 * x.pq * (1 / x.n1 + 1 / x.n2);
    byType.set(x.taskType, t);
  }
  const calls = [...byType.values()].reduce((n, t) => n + t.calls, 0);
  const noise: Record<string, number> = { all: Math.sqrt([...byType.values()].reduce((s, t) => s + t.sum, 0)) / calls };
  for (const [taskType, t] of byType) noise[taskType] = Math.sqrt(t.sum) / t.calls;
  return noise;
}

export type Figure = { metric: string; projected: number; realized: number; error: number; unit: "%" | "pt"; target: number; noise?: number; taskTypeAlone?: number };

/** Success as the simulator would have projected it from each model's rate on the task type as a whole. */
function taskTypeAlone(row: SimulationResult["byTaskType"][number]) {
  return Object.entries(row.modelMix).reduce((s, [m, share]) => s + (share ?? 0) * (row.evidence[m]?.successRate ?? NaN), 0);
}

/** The targets: cost within 1%, success within 1.5 points overall and 2 per task type, latency p50 within 10%. */
export function compare(result: SimulationResult, realized: Realized, noise: Record<string, number>): Figure[] {
  const p = result.projected;
  const costPerTask = (p.costUsd * 1e9) / p.tasks;
  const realizedCost = realized.costNanos / realized.tasks;
  const rate = (c: Count) => c.success / c.labeled;
  const figures: Figure[] = [
    { metric: "cost per task", projected: costPerTask / 1e9, realized: realizedCost / 1e9, error: Math.abs(costPerTask / realizedCost - 1) * 100, unit: "%", target: 1 },
    { metric: "success, all", projected: p.successRate!, realized: rate(realized), error: Math.abs(p.successRate! - rate(realized)) * 100, unit: "pt", target: 1.5, noise: noise.all * 100 },
  ];
  for (const t of TASK_TYPES) {
    const row = result.byTaskType.find((r) => r.taskType === t)!;
    const real = rate(realized.byTaskType[t]);
    figures.push({
      metric: `success, ${t}`, projected: row.projected.successRate!, realized: real, error: Math.abs(row.projected.successRate! - real) * 100, unit: "pt", target: 2,
      noise: noise[t] * 100, taskTypeAlone: taskTypeAlone(row),
    });
  }
  const latency = p.latencyP50Ms!;
  figures.push({ metric: "latency p50", projected: latency, realized: realized.latencyP50Ms, error: Math.abs(latency / realized.latencyP50Ms - 1) * 100, unit: "%", target: 10 });
  return figures;
}

const shown = (f: Figure, v: number) => (f.metric.startsWith("cost") ? `$${(v * 1000).toFixed(4)}/1k` : f.metric.startsWith("latency") ? `${v.toFixed(0)} ms` : `${(v * 100).toFixed(2)}%`);

/** One line per figure: projected, realized, error against its target (met / NOT met), and what sampling alone explains. */
export function formatFigures(figures: Figure[]): string[] {
  return figures.map((f) => {
    const alone = f.taskTypeAlone === undefined ? "" : `; by task type alone ${shown(f, f.taskTypeAlone)} (off by ${(Math.abs(f.taskTypeAlone - f.realized) * 100).toFixed(2)} pt)`;
    const noise = f.noise === undefined ? "" : ` (sampling s.e. ${f.noise.toFixed(2)} pt)`;
    return `${f.metric.padEnd(20)} projected ${shown(f, f.projected).padStart(12)}, realized ${shown(f, f.realized).padStart(12)}: error ${f.error.toFixed(2)} ${f.unit}${noise} (target <= ${f.target} ${f.unit}: ${f.error <= f.target ? "met" : "NOT met"})${alone}`;
  });
}
