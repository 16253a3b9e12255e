// GET /api/v1/policy/versions/{version}: a published version, the projection it was published on and what
// it then did (lib/policies/check.ts).
import { z } from "zod";
import { apiRoute, otherMethods } from "@/lib/http/route";
import { checkVersion } from "@/lib/policies/check";

export const dynamic = "force-dynamic";

const params = z.object({
  version: z.string().regex(/^[1-9]\d{0,9}$/, "must be a published version number (1 or more)").transform(Number)
    .refine((v) => v <= 2_147_483_647, "must be a published version number"),
});

export const GET = apiRoute({ scopes: ["read", "admin"], params }, async ({ teamId, params: { version } }) => {
  const check = await checkVersion(teamId, version);
  return {
    version: check.version, publishedAt: check.publishedAt, publishedBy: check.by, message: check.message, inForce: check.inForce,
    policy: check.policy, projection: check.projection, guard: check.guard, realized: check.realized, comparison: check.comparison,
  };
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
