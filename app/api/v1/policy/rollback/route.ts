// POST /api/v1/policy/rollback: republish an earlier version's policy as a new version.
import { apiRoute, otherMethods } from "@/lib/http/route";
import { rollbackPolicy } from "@/lib/policies/mutations";
import { rollbackBodySchema } from "@/lib/policies/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["admin"], body: rollbackBodySchema }, async ({ teamId, keyId, body }) => ({
  version: await rollbackPolicy(teamId, { keyId }, body.version, body.message),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
