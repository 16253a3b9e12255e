// GET /[team]/tasks.csv: the Task types table of the chosen window as CSV (signed-in members). Not under
// /[team]/tasks/, where every name is a task type's page (a task type may be called "export").
import { parseRange } from "@/lib/analytics/range";
import { loadTaskTypeTable, taskTypesCsv } from "@/lib/analytics/task-types";
import { requireTeam } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const { window } = parseRange(Object.fromEntries(new URL(request.url).searchParams), team.timeZone);
  const csv = taskTypesCsv(await loadTaskTypeTable(team.id, window));
  const name = `${slug}-task-types-${window.fromDate}-to-${window.toDate}.csv`;
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${name}"` } });
}
