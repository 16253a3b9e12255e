// GET /<team>/install/latest: the team's newest call, for the install page's live wait (session auth).
import { requireTeam } from "@/lib/auth/session";
import { loadLatestCallSummary } from "@/lib/ingest/loaders";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return Response.json({ call: await loadLatestCallSummary(team.id) });
}
