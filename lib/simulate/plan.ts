// plan: which parts of the traffic the rollups answer exactly for this policy, and which need raw calls.
// Rollups keep the exact tool count but only a bucket of the context size; a rule threshold that falls
// inside a bucket needs that bucket's calls one by one. Metadata is not in the rollups at all.
import type { Policy } from "@switchyard/sdk";
import { CONTEXT_BOUNDS, contextBucket } from "@/lib/rollups/batch";

/**
 * splitBuckets: context buckets a threshold falls inside; splitTaskTypes: the task types those thresholds'
 * conditions are limited to (null: all), since only they route differently within the bucket.
 * segmentStarts: every size at which some condition or bucket changes (sorted); calls read one by one are
 * grouped by the last start at or below their size, which routes exactly as the size itself.
 */
export type Plan = { splitBuckets: number[]; splitTaskTypes: string[] | null; segmentStarts: number[]; metadata: boolean; metadataKeys: string[] };

type Range = { gt?: number; gte?: number; lt?: number; lte?: number };

/** Stored context sizes are int4: an edge outside 1..2^31-1 separates none of them (and would not bind as int4). */
const MAX_SIZE = 2_147_483_647;

/** The context sizes at which a condition changes its answer (first size of the upper side). */
function edges(r: Range | undefined): number[] {
  if (!r) return [];
  return [r.gt !== undefined ? Math.floor(r.gt) + 1 : null, r.gte !== undefined ? Math.ceil(r.gte) : null, r.lt !== undefined ? Math.ceil(r.lt) : null, r.lte !== undefined ? Math.floor(r.lte) + 1 : null]
    .filter((e): e is number => e !== null && e > 0 && e <= MAX_SIZE);
}

export function bucketRange(bucket: number): [number, number] {
  return [bucket === 0 ? 0 : CONTEXT_BOUNDS[bucket - 1], bucket < CONTEXT_BOUNDS.length ? CONTEXT_BOUNDS[bucket] : Number.POSITIVE_INFINITY];
}

export function plan(policy: Policy): Plan {
  const split = new Set<number>();
  const starts = new Set<number>([0, ...CONTEXT_BOUNDS]);
  const keys = new Set<string>();
  let splitTypes: Set<string> | null = new Set<string>();
  // Rules and the exploration condition both route on these features.
  const conditions = [...(policy.rules ?? []).map((r) => r.when), policy.explore?.when];
  for (const when of conditions) {
    for (const key of Object.keys(when?.metadata ?? {})) keys.add(key);
    for (const edge of edges(when?.contextTokens)) {
      starts.add(edge);
      for (let b = 0; b <= CONTEXT_BOUNDS.length; b++) {
        const [lo, hi] = bucketRange(b);
        if (!(lo < edge && edge < hi)) continue;
        split.add(b);
        if (!when?.taskType) splitTypes = null;
        else for (const t of when.taskType) splitTypes?.add(t);
      }
    }
  }
  const metadataKeys = [...keys].sort();
  return { splitBuckets: [...split].sort((a, b) => a - b), splitTaskTypes: splitTypes && [...splitTypes].sort(), segmentStarts: [...starts].sort((a, b) => a - b), metadata: metadataKeys.length > 0, metadataKeys };
}

/**
 * The first context size of the evidence cell a size falls in, for a task type: its context segment where the
 * plan reads that bucket exactly (a threshold splits it for the task type, or a rule tests metadata and every
 * call is read raw), else its rollup bucket. fetch builds groups and cells on these starts; compute keys by them.
 */
export function cellStart(p: Plan | undefined, taskType: string, tokens: number): number {
  const bucket = contextBucket(Math.max(0, tokens));
  const exact = p && (p.metadata || (p.splitBuckets.includes(bucket) && (!p.splitTaskTypes || p.splitTaskTypes.includes(taskType))));
  if (!exact) return bucketRange(bucket)[0];
  let start = 0;
  for (const s of p.segmentStarts) if (s <= tokens) start = s;
  return start;
}
