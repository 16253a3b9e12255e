// The demo team's policy history, true to its traffic: version 1 splits each task type between nano and
// mini in the shares the generator has always used; version 2 sends every extraction to nano (the shadow
// calls looked close), extraction success falls; version 3 rolls back to version 1. The generator routes
// and stamps each call by the version in force at its time; seeding publishes the versions afterwards and
// dates them where they took effect.
import { chooseShares, type Policy } from "@switchyard/sdk/core";
import { MINI, NANO, NANO_SHARE, TASK_MIX, type TaskType } from "@/lib/demo/profiles";

const ESCALATION: Policy["escalation"] = { model: MINI, on: ["error", "malformed_output"], maxAttempts: 2 };

const SPLITS: Policy = {
  defaultModel: MINI,
  rules: (Object.keys(TASK_MIX) as TaskType[]).filter((t) => NANO_SHARE[t] > 0).map((t) => ({
    id: `split-${t}`, when: { taskType: [t] },
    split: [{ model: NANO, weight: Math.round(NANO_SHARE[t] * 100) }, { model: MINI, weight: Math.round((1 - NANO_SHARE[t]) * 100) }],
  })),
  escalation: ESCALATION,
  shadow: [{ when: { taskType: ["summarize"] }, model: NANO, sampleRate: 0.15 }, { when: { taskType: ["extract"] }, model: NANO, sampleRate: 0.1 }],
};

const EXTRACT_ON_NANO: Policy = {
  ...SPLITS,
  rules: SPLITS.rules!.map((r) => (r.id === "split-extract" ? { id: "extract-nano", when: r.when, model: NANO } : r)),
};

/** Each version with when it took effect, as a share of the seeded span (so a short test seed has all three). */
export const DEMO_VERSIONS = [
  { version: 1, at: 0, policy: SPLITS, message: "Split each task type between nano and mini as measured" },
  { version: 2, at: 0.8, policy: EXTRACT_ON_NANO, message: "Extraction to nano: shadow calls put it within a few points" },
  { version: 3, at: 0.88, policy: SPLITS, message: "Rollback to version 1", rollbackTo: 1 },
] as const;

/** The version in force at `ts` within the span [start, end). */
export function demoVersionAt(ts: number, start: number, end: number) {
  const share = (ts - start) / (end - start);
  return [...DEMO_VERSIONS].reverse().find((v) => share >= v.at) ?? DEMO_VERSIONS[0];
}

/** The model share a version gives a task type's calls, and the rule that decides it (the SDK's own evaluator). */
export function demoRouting(policy: Policy, task: TaskType, metadata: Record<string, string>) {
  const shares = chooseShares(policy, { taskType: task, contextTokens: 0, toolCount: 0, metadata });
  return { nanoShare: shares.find((s) => s.model === NANO)?.share ?? 0, shares, ruleId: shares[0]?.ruleId ?? null };
}
