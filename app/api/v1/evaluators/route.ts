// GET /api/v1/evaluators: the team's evaluators with their verdict counts (a judge's API key never shown).
// POST /api/v1/evaluators: create one (contracts §13) → { id, version }.
import { listEvaluators } from "@/lib/evaluators/data";
import { createEvaluator } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema } from "@/lib/evaluators/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ scopes: ["read", "admin"] }, async ({ teamId }) => ({ evaluators: await listEvaluators(teamId) }));

export const POST = apiRoute({ scopes: ["admin"], body: evaluatorBodySchema }, async ({ teamId, keyId, body }) => createEvaluator(teamId, { keyId }, body));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
