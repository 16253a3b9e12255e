// GET /api/v1/calls/{id} (contracts §11): one call with its attempts, shadows, scores and captured content.
import { getApiCall } from "@/lib/analytics/calls-api";
import { callIdParams } from "@/lib/analytics/schema";
import { notFound } from "@/lib/http/errors";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["read", "admin"], params: callIdParams }, async ({ teamId, params }) => {
  const call = await getApiCall(teamId, params.id);
  if (!call) throw notFound(`No call with id ${JSON.stringify(params.id)} in this team.`);
  return call;
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
