import type { TeamId } from "@/lib/auth/team-id";
import { getLatestCall } from "@/lib/ingest/data";
import { formatSpend } from "@/lib/pricing/money";

export type LatestCallSummary = { id: string; at: string; taskType: string; model: string; latencyMs: number; tokens: number; cost: string };

/** The newest call as the Install page shows it (server render and its live-wait endpoint alike). */
export async function loadLatestCallSummary(teamId: TeamId): Promise<LatestCallSummary | null> {
  const call = await getLatestCall(teamId);
  if (!call) return null;
  return {
    id: call.id, at: call.ts.toISOString(), taskType: call.taskType, model: call.model, latencyMs: Math.round(call.latencyMs),
    tokens: call.inputTokens + call.outputTokens, cost: call.costNanos === null ? "unpriced" : formatSpend(call.costNanos),
  };
}
