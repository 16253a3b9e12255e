// fetch: the only step of the simulator that does I/O. Reads what plan asked for and the current prices,
// and the logged calls behind the off-policy estimate.
import { chooseShares, policySchema, type Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { groupBy } from "@/lib/analytics/stats";
import { listPrices } from "@/lib/pricing/data";
import { indexPrices, priceAt } from "@/lib/pricing/cost";
import type { CellEvidence, Group, SimData } from "@/lib/simulate/compute";
import { cellStart, type Plan } from "@/lib/simulate/plan";
import { ceilHour } from "@/lib/analytics/time-zone";
import { db } from "@/lib/db";
import { retainedSince } from "@/lib/retention/sweep";
import { getLoggedFirstAttempts, getPolicyVersions, getRawSizes, getRollupCells, getTaskSizes, type SizeGroup } from "@/lib/simulate/data";
import { MAX_LOGGED_CALLS, type LoggedCall } from "@/lib/simulate/off-policy";
import { SAMPLE_CALLS, scaleToCells, type Sample } from "@/lib/simulate/sample";

const DAY_MS = 86_400_000;
const negate = (groups: SizeGroup[]) => groups.map((g) => ({
  ...g, tasks: -g.tasks, inputTokens: -g.inputTokens, outputTokens: -g.outputTokens,
  evidence: Object.fromEntries(Object.entries(g.evidence).map(([k, v]) => [k, -v])) as SizeGroup["evidence"],
}));

/**
 * Split buckets at exact sizes: whole UTC days from CallTaskSize; a partial day at either end from its
 * raw calls, or, when the window covers most of that day's calls, as the whole day minus the raw calls
 * outside the window (every quantity the projection uses adds up linearly, so negative groups subtract
 * exactly). Time after `now` holds no calls to speak of, so today is read as its task sizes so far.
 */
async function splitSizes(teamId: TeamId, from: Date, to: Date, { splitBuckets: buckets, splitTaskTypes: taskTypes, segmentStarts: starts }: Plan, now: Date): Promise<SizeGroup[]> {
  if (!buckets.length) return [];
  const firstDay = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  const reads: Promise<SizeGroup[]>[] = [];
  for (let day = firstDay; day < to.getTime(); day += DAY_MS) {
    const start = Math.max(day, from.getTime()), end = Math.min(day + DAY_MS, to.getTime());
    if (start === day && end === day + DAY_MS) continue; // whole days are read below in one query
    const whole = () => getTaskSizes(teamId, new Date(day), new Date(day + DAY_MS), buckets, starts, taskTypes);
    const raw = (a: number, b: number) => (a < b ? getRawSizes(teamId, new Date(a), new Date(b), starts, { buckets, taskTypes }) : Promise.resolve([]));
    const outside = start - day + Math.max(0, Math.min(day + DAY_MS, now.getTime()) - end);
    if (end - start <= outside) reads.push(raw(start, end));
    else reads.push(whole(), raw(day, start).then(negate), raw(end, day + DAY_MS).then(negate));
  }
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS);
  if (dayFrom < dayTo) reads.push(getTaskSizes(teamId, dayFrom, dayTo, buckets, starts, taskTypes));
  return (await Promise.all(reads)).flat();
}

/**
 * Exact reads as the simulator takes them: the population (groups with tasks; evidence-only rows of shadow
 * calls and retries have none) and the evidence summed by cell (task type, model, segment, tool count and,
 * where rules test metadata, the tested keys' values).
 */
function fromSizes(sizes: SizeGroup[], keys: string[]): { groups: Group[]; cells: CellEvidence[] } {
  const cells = new Map<string, CellEvidence>();
  for (const { evidence, metadata, taskType, model, contextTokens, toolCount } of sizes) {
    const meta = keys.length ? JSON.stringify(keys.map((k) => metadata?.[k] ?? null)) : undefined;
    const key = `${taskType}|${model}|${contextTokens}|${toolCount}|${meta ?? ""}`;
    const c = cells.get(key) ?? { taskType, model, contextFrom: contextTokens, toolCount, ...(meta ? { meta } : {}), calls: 0, latencyMsSum: 0, answered: 0, outputTokens: 0, success: 0, failure: 0 };
    for (const k of Object.keys(evidence) as (keyof SizeGroup["evidence"])[]) c[k] += evidence[k];
    cells.set(key, c);
  }
  return { groups: sizes.filter((g) => g.tasks !== 0).map(({ evidence: _e, ...g }) => g), cells: [...cells.values()] };
}

/**
 * The hours of the window before `until`, whose raw calls are past the team's retention, at rollup
 * (bucket) level: a threshold inside a bucket routes the whole bucket as its lower part, and metadata,
 * which rollups do not keep, reads as absent.
 */
async function atBucketLevel(teamId: TeamId, from: Date, until: Date, plan: Plan) {
  const { cells, groups } = await getRollupCells(teamId, from, until, { buckets: [], taskTypes: null });
  const meta = plan.metadata ? JSON.stringify(plan.metadataKeys.map(() => null)) : undefined;
  return { groups, cells: cells.map((c) => ({ ...c, contextFrom: cellStart(plan, c.taskType, c.contextFrom), ...(meta ? { meta } : {}) })) };
}

/** Where the window's single calls are still kept: from the team's retention (to the hour) on, or null when all are. */
async function rawCallsFrom(teamId: TeamId, from: Date, to: Date, now: Date): Promise<Date | null> {
  const { retentionDays } = await db().team.findUniqueOrThrow({ where: { id: teamId }, select: { retentionDays: true } });
  const kept = ceilHour(retainedSince(retentionDays, now));
  return kept > from ? new Date(Math.min(kept.getTime(), to.getTime())) : null;
}

/**
 * Every first attempt by the tested metadata values, from the raw calls: all of them where the window holds
 * at most twice `sampleCalls` calls (the rollups count them), else a sample of about that many scaled to the
 * rollups' exact cells (sample.ts). `sample` says what was read: calls read of calls in the window.
 */
async function metadataSizes(teamId: TeamId, from: Date, to: Date, plan: Plan, sampleCalls: number) {
  const rollup = await getRollupCells(teamId, from, to, { buckets: [], taskTypes: null });
  const calls = rollup.cells.reduce((n, c) => n + c.calls, 0);
  const read = (percent?: number) => getRawSizes(teamId, from, to, plan.segmentStarts, { metadataKeys: plan.metadataKeys }, percent);
  if (calls <= 2 * sampleCalls) return { ...fromSizes(await read(), plan.metadataKeys), sample: null };
  const sampled = await read((100 * sampleCalls) / calls);
  const { sizes, unsampledTasks } = scaleToCells(sampled, rollup.groups);
  const readCalls = sampled.reduce((n, g) => n + g.evidence.calls, 0);
  return { ...fromSizes(sizes, plan.metadataKeys), sample: { calls: readCalls, of: calls, unsampledTasks } };
}

export async function fetchData(teamId: TeamId, window: { from: Date; to: Date }, plan: Plan, now = new Date(), sampleCalls = SAMPLE_CALLS): Promise<SimData> {
  const { from, to } = window;
  const needsRaw = plan.metadata || plan.splitBuckets.length > 0;
  const rawFrom = needsRaw ? await rawCallsFrom(teamId, from, to, now) : null;
  const exactFrom = rawFrom ?? from;
  const exact: Promise<{ cells: CellEvidence[]; groups: Group[]; sample?: Sample | null }> = plan.metadata
    ? metadataSizes(teamId, exactFrom, to, plan, sampleCalls)
    : Promise.all([getRollupCells(teamId, exactFrom, to, { buckets: plan.splitBuckets, taskTypes: plan.splitTaskTypes }), splitSizes(teamId, exactFrom, to, plan, now)])
        .then(([rollup, split]) => { const sized = fromSizes(split, []); return { cells: [...rollup.cells, ...sized.cells], groups: [...rollup.groups, ...sized.groups] }; });
  const past = rawFrom ? atBucketLevel(teamId, from, rawFrom, plan) : Promise.resolve({ cells: [], groups: [] });
  const [stats, priceList, parts] = await Promise.all([getModelStats(teamId, from, to, {}, { latencyOnly: true }), listPrices(teamId), Promise.all([past, exact])]);
  const sample = parts[1].sample ?? null;
  const cells = parts.flatMap((p) => p.cells);
  const groups = parts.flatMap((p) => p.groups);
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
  return { groups, evidence, cells, plan, metadataKeys: plan.metadataKeys, baseline, prices, bucketLevelUntil: rawFrom, sample };
}

/**
 * Labeled first attempts with a logged propensity (the latest MAX_LOGGED_CALLS; `truncated` when there were
 * more), each with the full distribution of the policy version that routed it. A version that is not
 * stored, or no longer parses, leaves that distribution unknown.
 */
export async function fetchLoggedCalls(teamId: TeamId, window: { from: Date; to: Date }): Promise<{ calls: LoggedCall[]; truncated: boolean }> {
  const rows = await getLoggedFirstAttempts(teamId, window.from, window.to, MAX_LOGGED_CALLS + 1);
  const truncated = rows.length > MAX_LOGGED_CALLS;
  const kept = rows.slice(0, MAX_LOGGED_CALLS);
  const versions = [...new Set(kept.flatMap((r) => (r.policyVersion === null ? [] : [r.policyVersion])))];
  const policies = new Map<number, Policy>();
  for (const v of await getPolicyVersions(teamId, versions)) {
    const parsed = policySchema.safeParse(v.policy);
    if (parsed.success) policies.set(v.version, parsed.data);
  }
  const calls = kept.map((r): LoggedCall => {
    const features = { contextTokens: r.contextTokens, toolCount: r.toolCount, ...(r.metadata ? { metadata: r.metadata } : {}) };
    const logging = r.policyVersion === null ? undefined : policies.get(r.policyVersion);
    return {
      taskType: r.taskType, model: r.model, features, propensity: r.propensity, label: r.label === 1 ? 1 : 0,
      loggingShares: logging ? Object.fromEntries(chooseShares(logging, { taskType: r.taskType, ...features }).map((s) => [s.model, s.share])) : null,
    };
  });
  return { calls, truncated };
}
