// sample: a metadata rule over a large window reads a sample of the raw calls instead of every one. The
// hourly rollups still give each cell (task type, model, context bucket, tool count) its exact tasks and
// tokens; the sample only says how a cell's tasks and tokens divide among the tested metadata values (and
// context segments), so the population's totals stay exact and only that division is estimated.
import { contextBucket } from "@/lib/rollups/batch";
import type { Group } from "@/lib/simulate/compute";
import type { SizeGroup } from "@/lib/simulate/data";

/**
 * A sample's size in calls. A window of up to twice this many is read whole (a sample of most of it would
 * save little); beyond that, a sample of about this many.
 */
export const SAMPLE_CALLS = 200_000;

/** What a sampled read took: `calls` read of the `of` calls in the window; `unsampledTasks` as scaleToCells says. */
export type Sample = { calls: number; of: number; unsampledTasks: number };

const cellOf = (g: { taskType: string; model: string; contextTokens: number; toolCount: number }) =>
  `${g.taskType}|${g.model}|${contextBucket(g.contextTokens)}|${g.toolCount}`;

const share = (part: number, whole: number, fallback: number) => (whole > 0 ? part / whole : fallback);

/**
 * Scales sampled groups to their cells' exact totals. Each sampled group keeps its evidence as counted (the
 * labels behind a rate are the sampled ones, so intervals stay honest); its tasks, input and output tokens
 * become its cell's times its share of the cell in the sample. A cell the sample holds no task of is kept
 * whole, with no metadata (routed as absent): `unsampledTasks` counts those tasks. Sampled tasks of a cell
 * the rollups do not hold (stored after they were read) are left out of the population.
 */
export function scaleToCells(sampled: SizeGroup[], cells: Group[]): { sizes: SizeGroup[]; unsampledTasks: number } {
  const byCell = new Map<string, SizeGroup[]>();
  for (const g of sampled) {
    if (g.tasks <= 0) continue;
    const list = byCell.get(cellOf(g)) ?? [];
    list.push(g);
    byCell.set(cellOf(g), list);
  }
  const none = { calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 0, failure: 0 };
  const sizes: SizeGroup[] = sampled.filter((g) => g.tasks <= 0);
  const known = new Set<string>();
  let unsampledTasks = 0;
  for (const cell of cells) {
    known.add(cellOf(cell));
    const groups = byCell.get(cellOf(cell));
    if (!groups) {
      unsampledTasks += cell.tasks;
      sizes.push({ ...cell, evidence: none });
      continue;
    }
    const sum = (k: "tasks" | "inputTokens" | "outputTokens") => groups.reduce((n, g) => n + g[k], 0);
    const [tasks, input, output] = [sum("tasks"), sum("inputTokens"), sum("outputTokens")];
    for (const g of groups) {
      const byTasks = g.tasks / tasks;
      sizes.push({
        ...g, tasks: cell.tasks * byTasks, inputTokens: cell.inputTokens * share(g.inputTokens, input, byTasks), outputTokens: cell.outputTokens * share(g.outputTokens, output, byTasks),
      });
    }
  }
  for (const [key, groups] of byCell) if (!known.has(key)) sizes.push(...groups.map((g) => ({ ...g, tasks: 0, inputTokens: 0, outputTokens: 0 })));
  return { sizes, unsampledTasks };
}
