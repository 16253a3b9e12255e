// GET /api/v1/calls (contracts §11): a keyset page of calls, newest first; with Accept: text/csv or
// application/x-ndjson, every matching call streamed.
import { exportCalls, listApiCalls, type ExportFormat } from "@/lib/analytics/calls-api";
import { callsQuerySchema } from "@/lib/analytics/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const EXPORTS: Record<string, ExportFormat> = { "text/csv": "csv", "application/x-ndjson": "ndjson" };
const TYPES: Record<ExportFormat, string> = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson" };

export const GET = apiRoute({ scopes: ["read", "admin"], query: callsQuerySchema }, async ({ teamId, query, request }) => {
  const accept = (request.headers.get("accept") ?? "").split(",").map((t) => t.split(";")[0].trim().toLowerCase());
  const format = accept.map((t) => EXPORTS[t]).find(Boolean);
  if (!format) return listApiCalls(teamId, query);
  return new Response(exportCalls(teamId, query, format), {
    headers: { "Content-Type": TYPES[format], "Content-Disposition": `attachment; filename="calls.${format === "csv" ? "csv" : "jsonl"}"`, "Cache-Control": "no-store" },
  });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
