// GET /[team]/exports/calls?format=csv|jsonl&<the Calls page's window and filters>: every matching call,
// streamed (signed-in members). Beside the calls pages, not under them, so no call id is shadowed.
import { exportCalls } from "@/lib/analytics/calls-api";
import { parseCallFilters } from "@/lib/analytics/calls";
import { parseRange } from "@/lib/analytics/range";
import { requireTeam } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const format = search.format === "jsonl" ? "ndjson" : "csv";
  const { window } = parseRange(search, team.timeZone);
  const { filters } = parseCallFilters(search);
  const { cursor: _cursor, ...kept } = filters;
  const body = exportCalls(team.id, { ...kept, from: window.from, to: window.to, after: null }, format);
  const name = `${slug}-calls-${window.fromDate}-to-${window.toDate}.${format === "csv" ? "csv" : "jsonl"}`;
  const type = format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson";
  return new Response(body, { headers: { "Content-Type": type, "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
}
