// GET /api/v1/alerts/firings?from=&to=: the team's firings in the window, newest first, with their
// evidence, the policy version and rule in force, and when they resolved.
import { listFirings } from "@/lib/alerts/data";
import { windowQuerySchema } from "@/lib/analytics/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["read", "admin"], query: windowQuerySchema }, async ({ teamId, query }) => ({
  from: query.from.toISOString(), to: query.to.toISOString(),
  firings: (await listFirings(teamId, query.from, query.to)).map(({ alert, ...f }) => ({ ...f, alert: { id: f.alertId, name: alert.name, kind: alert.kind }, state: f.resolvedAt ? "resolved" : "firing" })),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
