// POST /api/v1/simulate: project a routing policy over the team's logged traffic (contracts §7).
import { apiRoute, otherMethods } from "@/lib/http/route";
import { parsePolicy } from "@/lib/policies/schema";
import { simulate } from "@/lib/simulate";
import { simulateBodySchema } from "@/lib/simulate/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["read", "admin"], body: simulateBodySchema }, async ({ teamId, body }) =>
  simulate(teamId, { from: body.from, to: body.to, policy: parsePolicy(body.policy), assumptions: body.assumptions }));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
