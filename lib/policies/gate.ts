// The policy gate: a policy whose 30-day projection (made at every publish, and kept with the version) puts a well-evidenced task type below the team's
// success floor is not published unless an admin writes why (kept in the audit log).
import type { Policy } from "@switchyard/sdk";
import { lastDays } from "@/lib/analytics/range";
import type { TeamId } from "@/lib/auth/team-id";
import { AppError } from "@/lib/http/errors";
import { getPolicySettings } from "@/lib/policies/data";
import { simulate } from "@/lib/simulate";
import { DEFAULT_ASSUMPTIONS } from "@/lib/simulate/schema";
import type { SimulationResult } from "@/lib/simulate/format";

export const GATE_DAYS = 30;

export type GateViolation = { taskType: string; projected: number; floor: number };

/** Task types whose projection is below the floor, leaving out those without enough evidence. Pure. */
export function gateViolations(result: SimulationResult, floor: number | null): GateViolation[] {
  if (floor === null) return [];
  return result.byTaskType
    .filter((r) => r.projected.successRate !== null && r.projected.successRate < floor)
    .filter((r) => !r.warnings.some((w) => w.code === "insufficient_evidence"))
    .map((r) => ({ taskType: r.taskType, projected: r.projected.successRate!, floor }));
}

/** The projection a publish is judged on and keeps (lib/policies/projection.ts): the last GATE_DAYS days. */
export function projectForPublish(teamId: TeamId, policy: Policy, now = new Date()) {
  return simulate(teamId, { ...lastDays(GATE_DAYS, now), policy, assumptions: DEFAULT_ASSUMPTIONS });
}

export async function checkGate(teamId: TeamId, result: SimulationResult) {
  const { successFloor } = await getPolicySettings(teamId);
  return gateViolations(result, successFloor);
}

export function gateError(violations: GateViolation[]) {
  const list = violations.map((v) => `${v.taskType} ${(v.projected * 100).toFixed(1)}%`).join(", ");
  return new AppError("policy_gate",
    `Below the team's success floor of ${(violations[0].floor * 100).toFixed(1)}% over the last ${GATE_DAYS} days: ${list}. An owner or admin can publish anyway with a written override.`,
    violations.map((v) => ({ path: `byTaskType.${v.taskType}`, message: `projected ${(v.projected * 100).toFixed(1)}% < floor ${(v.floor * 100).toFixed(1)}%` })));
}
