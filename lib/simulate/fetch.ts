// fetch: the only step of the simulator that does I/O. Reads what plan asked for and the current prices.
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { groupBy } from "@/lib/analytics/stats";
import { listPrices } from "@/lib/pricing/data";
import { indexPrices, priceAt } from "@/lib/pricing/cost";
import type { Group, SimData } from "@/lib/simulate/compute";
import type { Plan } from "@/lib/simulate/plan";
import { getCellEvidence, getRawPopulation, getRollupPopulation, getTaskSizePopulation } from "@/lib/simulate/data";

const DAY_MS = 86_400_000;
const negate = (groups: Group[]) => groups.map((g) => ({ ...g, tasks: -g.tasks, inputTokens: -g.inputTokens, outputTokens: -g.outputTokens }));

/**
 * Split buckets at exact sizes: whole UTC days from CallTaskSize; a partial day at either end from its
 * raw calls, or, when the window covers most of that day, as the whole day minus the raw calls outside
 * the window (every quantity the projection uses adds up linearly, so negative groups subtract exactly).
 */
async function splitPopulation(teamId: TeamId, from: Date, to: Date, buckets: number[], starts: number[]): Promise<Group[]> {
  if (!buckets.length) return [];
  const firstDay = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  const reads: Promise<Group[]>[] = [];
  for (let day = firstDay; day < to.getTime(); day += DAY_MS) {
    const start = Math.max(day, from.getTime()), end = Math.min(day + DAY_MS, to.getTime());
    if (start === day && end === day + DAY_MS) continue; // whole days are read below in one query
    const whole = () => getTaskSizePopulation(teamId, new Date(day), new Date(day + DAY_MS), buckets, starts);
    const raw = (a: number, b: number) => (a < b ? getRawPopulation(teamId, new Date(a), new Date(b), starts, { buckets }) : Promise.resolve([]));
    if (end - start <= DAY_MS / 2) reads.push(raw(start, end));
    else reads.push(whole(), raw(day, start).then(negate), raw(end, day + DAY_MS).then(negate));
  }
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  if (dayFrom < dayTo) reads.push(getTaskSizePopulation(teamId, dayFrom, dayTo, buckets, starts));
  return (await Promise.all(reads)).flat();
}

export async function fetchData(teamId: TeamId, window: { from: Date; to: Date }, plan: Plan, now = new Date()): Promise<SimData> {
  const { from, to } = window;
  const [stats, priceList, cells, groups] = await Promise.all([
    getModelStats(teamId, from, to),
    listPrices(teamId),
    getCellEvidence(teamId, from, to),
    plan.metadata
      ? getRawPopulation(teamId, from, to, plan.segmentStarts, { metadata: true })
      : Promise.all([getRollupPopulation(teamId, from, to, plan.splitBuckets), splitPopulation(teamId, from, to, plan.splitBuckets, plan.segmentStarts)]).then(([a, b]) => [...a, ...b]),
  ]);
  const index = indexPrices(priceList);
  const models = new Set([...stats.map((s) => s.model), ...priceList.map((p) => p.model)]);
  const prices = Object.fromEntries([...models].flatMap((m) => {
    const p = priceAt(index, m, now);
    return p ? [[m, { input: Number(p.inputMicros), output: Number(p.outputMicros) }]] : [];
  }));
  const shadowCalls = new Map(stats.filter((s) => s.shadow).map((s) => [`${s.taskType}|${s.model}`, s.calls]));
  const evidence = [...groupBy(stats, (s) => `${s.taskType}|${s.model}`).values()].map((s) => ({
    taskType: s.taskType, model: s.model, calls: s.calls, shadowCalls: shadowCalls.get(`${s.taskType}|${s.model}`) ?? 0, outputTokens: s.outputTokens, success: s.success, failure: s.failure,
    errors: s.errors, malformed: s.malformed, latencyHist: s.latencyHist,
  }));
  const production = stats.filter((s) => !s.shadow);
  const baseline = [...groupBy(production, (s) => s.taskType).values()].map((s) => ({
    taskType: s.taskType, tasks: s.tasks, costNanos: s.costNanos, success: s.success, failure: s.failure, escalations: s.escalations, latencyHist: s.latencyHist,
  }));
  return { groups, evidence, cells, baseline, prices };
}
