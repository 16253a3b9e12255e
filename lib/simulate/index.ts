// The what-if simulator: normalize → plan → fetch → compute → format. Only fetch does I/O.
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { compute, totalOf } from "@/lib/simulate/compute";
import { fetchData } from "@/lib/simulate/fetch";
import { formatResult } from "@/lib/simulate/format";
import { plan } from "@/lib/simulate/plan";
import type { Assumptions } from "@/lib/simulate/schema";

export type SimulationInput = { from: Date; to: Date; policy: Policy; assumptions: Assumptions };

export async function simulate(teamId: TeamId, input: SimulationInput) {
  return (await simulateWithData(teamId, input)).result;
}

/** The projection and the data behind it (the Simulate page also draws each model's frontier from it). */
export async function simulateWithData(teamId: TeamId, input: SimulationInput) {
  const p = plan(input.policy);
  const data = await fetchData(teamId, input, p);
  const rows = compute(data, input.policy, input.assumptions).sort((a, b) => b.baseline.costNanos - a.baseline.costNanos);
  return { result: formatResult(input, p, rows, totalOf(rows, "baseline"), totalOf(rows, "projected")), data };
}
