// GET /<team>/install/latest: the team's newest call, for the install page's live wait (session auth).
import { requireTeam } from "@/lib/auth/session";
import { getLatestCall } from "@/lib/ingest/data";
import { formatSpend } from "@/lib/pricing/money";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const call = await getLatestCall(team.id);
  return Response.json({
    call: call && {
      id: call.id, at: call.ts.toISOString(), taskType: call.taskType, model: call.model, latencyMs: Math.round(call.latencyMs),
      tokens: call.inputTokens + call.outputTokens, cost: call.costNanos === null ? "unpriced" : formatSpend(call.costNanos),
    },
  });
}
