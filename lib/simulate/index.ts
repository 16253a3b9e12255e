// The what-if simulator: normalize → plan → fetch → compute → format. Only fetch does I/O. Beside compute's
// model-based projection, the off-policy estimate weighs the logged calls themselves (off-policy.ts).
import type { Policy } from "@switchyard/sdk";
import type { TeamId } from "@/lib/auth/team-id";
import { compute, totalOf } from "@/lib/simulate/compute";
import { fetchData, fetchLoggedCalls } from "@/lib/simulate/fetch";
import { formatResult } from "@/lib/simulate/format";
import { estimateOffPolicy } from "@/lib/simulate/off-policy";
import { plan } from "@/lib/simulate/plan";
import { SAMPLE_CALLS } from "@/lib/simulate/sample";
import type { Assumptions } from "@/lib/simulate/schema";

export type SimulationInput = { from: Date; to: Date; policy: Policy; assumptions: Assumptions };

export async function simulate(teamId: TeamId, input: SimulationInput) {
  return (await simulateWithData(teamId, input)).result;
}

/** The projection and the data behind it (the Simulate page also draws each model's frontier from it). */
/** `sampleCalls`: where a metadata rule reads raw calls, the most it reads one by one before sampling (sample.ts). */
export async function simulateWithData(teamId: TeamId, input: SimulationInput, sampleCalls = SAMPLE_CALLS) {
  const p = plan(input.policy);
  const [data, logged] = await Promise.all([fetchData(teamId, input, p, new Date(), sampleCalls), fetchLoggedCalls(teamId, input)]);
  const rows = compute(data, input.policy, input.assumptions).sort((a, b) => b.baseline.costNanos - a.baseline.costNanos);
  const offPolicy = { ...estimateOffPolicy(logged.calls, input.policy), truncated: logged.truncated };
  return { result: formatResult(input, p, rows, totalOf(rows, "baseline"), totalOf(rows, "projected"), offPolicy, data), data };
}
