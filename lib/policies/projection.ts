// What a published version was projected to do, and how that compares with what it then did. The
// projection is the simulation the gate ran at publish, kept per task type; the comparison is pure.
import { z } from "zod";
import { wilson } from "@/lib/analytics/stats";
import type { SimulationResult } from "@/lib/simulate/format";

/** A version is checked once it has served this many tasks; a task type once it has this many (labels for success). */
export const CHECK_MIN_TASKS = 200;
export const CHECK_MIN_TASK_TYPE = 30;

const figures = z.object({
  tasks: z.number(),
  costPerTaskUsd: z.number().nullable(),
  successRate: z.number().nullable(),
  successRateLow: z.number().nullable(),
  successRateHigh: z.number().nullable(),
  latencyP50Ms: z.number().nullable(),
  escalationRate: z.number().nullable(),
});
export type Figures = z.infer<typeof figures>;

const projectionSchema = z.object({
  window: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  total: figures,
  byTaskType: z.array(figures.extend({ taskType: z.string(), modelMix: z.record(z.string(), z.number().nullable()) })),
});
export type Projection = z.infer<typeof projectionSchema>;

const figuresOf = ({ tasks, costPerTaskUsd, successRate, successRateLow, successRateHigh, latencyP50Ms, escalationRate }: Figures): Figures =>
  ({ tasks, costPerTaskUsd, successRate, successRateLow, successRateHigh, latencyP50Ms, escalationRate });

/** Stored JSON back to a projection; null for versions published before projections were kept. */
export function readProjection(stored: unknown): Projection | null {
  const parsed = projectionSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

type Totals = SimulationResult["projected"];

const projected = (t: Totals): Figures => ({
  tasks: t.tasks,
  costPerTaskUsd: t.tasks > 0 ? t.costUsd / t.tasks : null,
  successRate: t.successRate, successRateLow: t.successRateLow, successRateHigh: t.successRateHigh,
  latencyP50Ms: t.latencyP50Ms, escalationRate: t.escalationRate,
});

/** The part of a simulation a version keeps: per task type and in total, per task rather than summed. Pure. */
export function projectionOf(result: SimulationResult): Projection {
  return {
    window: result.window,
    total: projected(result.projected),
    byTaskType: result.byTaskType.map((r) => ({ taskType: r.taskType, modelMix: r.modelMix, ...projected(r.projected) })),
  };
}

/** What a version's calls did per task type, or in total (lib/policies/realized.ts). */
export type Realized = { taskType: string; tasks: number; labeled: number; success: number; costNanos: number; unpriced: number; escalated: number; latencyP50Ms: number | null };

export function realizedFigures(r: Realized): Figures {
  const interval = wilson(r.success, r.labeled);
  return {
    tasks: r.tasks,
    // A cost that leaves out unpriced calls would look cheaper than it was: none at all then.
    costPerTaskUsd: r.tasks > 0 && r.unpriced === 0 ? r.costNanos / 1e9 / r.tasks : null,
    successRate: r.labeled > 0 ? r.success / r.labeled : null,
    successRateLow: interval?.low ?? null, successRateHigh: interval?.high ?? null,
    latencyP50Ms: r.latencyP50Ms, escalationRate: r.tasks > 0 ? r.escalated / r.tasks : null,
  };
}

export type CheckRow = {
  taskType: string; projected: Figures | null; realized: Figures | null; labeled: number;
  /** Realized success and its own 95% interval lie wholly outside the projected interval (enough labels only). */
  successOutside: boolean;
};

/**
 * Per task type, projected against realized. A task type is compared once it has CHECK_MIN_TASK_TYPE tasks
 * (its success once it has that many labels); the flag needs the two intervals apart, so sampling noise in
 * a few dozen labels does not read as a broken projection.
 */
export function compareVersion(projection: Projection | null, realized: Realized[]): CheckRow[] {
  const byType = new Map(realized.map((r) => [r.taskType, r]));
  const types = [...new Set([...(projection?.byTaskType.map((p) => p.taskType) ?? []), ...byType.keys()])];
  return types.map((taskType) => {
    const p = projection?.byTaskType.find((x) => x.taskType === taskType) ?? null;
    const r = byType.get(taskType);
    const real = r && r.tasks >= CHECK_MIN_TASK_TYPE ? realizedFigures(r) : null;
    const labeled = r?.labeled ?? 0;
    const outside = Boolean(
      p && real && labeled >= CHECK_MIN_TASK_TYPE && p.successRateLow !== null && p.successRateHigh !== null && real.successRateLow !== null && real.successRateHigh !== null &&
      (real.successRateHigh < p.successRateLow || real.successRateLow > p.successRateHigh),
    );
    return { taskType, projected: p && figuresOf(p), realized: real, labeled, successOutside: outside };
  }).sort((a, b) => (b.realized?.tasks ?? 0) - (a.realized?.tasks ?? 0) || a.taskType.localeCompare(b.taskType));
}
