// GET /api/v1/analytics/task-types: cost, success and latency per task type and model (contracts §6).
import { getTaskTypeReport } from "@/lib/analytics/data";
import { windowQuerySchema } from "@/lib/analytics/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["read", "admin"], query: windowQuerySchema }, async ({ teamId, query }) => {
  const rows = await getTaskTypeReport(teamId, query.from, query.to);
  return { from: query.from.toISOString(), to: query.to.toISOString(), rows };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
