// GET /api/v1/policy: the published routing policy for the key's team; ETag makes polling cheap.
// PUT /api/v1/policy: validate and publish a new version (admin keys: policy as code).
import { apiRoute, otherMethods } from "@/lib/http/route";
import { getPublishedPolicy, getSdkSettings } from "@/lib/policies/data";
import { SDK_SETTINGS_HEADER, toPolicyResponse } from "@/lib/policies/format";
import { publishPolicy } from "@/lib/policies/mutations";
import { parsePolicy, publishBodySchema } from "@/lib/policies/schema";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["ingest", "admin"] }, async ({ teamId, request }) => {
  const [current, settings] = await Promise.all([getPublishedPolicy(teamId), getSdkSettings(teamId)]);
  const etag = `"${current.version}"`;
  const headers = { ETag: etag, [SDK_SETTINGS_HEADER]: settings.captureContent ? "1" : "0" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(toPolicyResponse(current), { headers: { ...headers, "Cache-Control": "no-cache" } });
});

export const PUT = apiRoute({ scopes: ["admin"], body: publishBodySchema }, async ({ teamId, keyId, body }) => {
  const version = await publishPolicy(teamId, { keyId }, parsePolicy(body.policy), body.message || "Published through the API", body.override, body.guard);
  return { version };
});

export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
