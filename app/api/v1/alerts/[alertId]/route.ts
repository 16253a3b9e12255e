// PATCH /api/v1/alerts/{id}: change an alert's name, threshold, window, scope, channels or mute → { id }.
// DELETE: remove it with its firings → 204.
import { deleteAlert, updateAlert } from "@/lib/alerts/mutations";
import { alertIdParams, alertPatchSchema } from "@/lib/alerts/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute({ scopes: ["admin"], params: alertIdParams, body: alertPatchSchema }, async ({ teamId, keyId, params, body }) =>
  updateAlert(teamId, { keyId }, params.alertId, body));

export const DELETE = apiRoute({ scopes: ["admin"], params: alertIdParams }, async ({ teamId, keyId, params }) => {
  await deleteAlert(teamId, { keyId }, params.alertId);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = otherMethods(["PATCH", "DELETE"]);
