// GET /api/v1/alerts: the team's alerts (webhook secrets never shown). POST: create one (contracts §14) → { id }.
import { listAlerts } from "@/lib/alerts/data";
import { createAlert } from "@/lib/alerts/mutations";
import { alertBodySchema } from "@/lib/alerts/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["read", "admin"] }, async ({ teamId }) => ({ alerts: await listAlerts(teamId) }));

export const POST = apiRoute({ scopes: ["admin"], body: alertBodySchema }, async ({ teamId, keyId, body }) => createAlert(teamId, { keyId }, body));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
