// PUT /api/v1/evaluators/{id}: the evaluator's next version (contracts §13) → { id, version }.
import { updateEvaluator } from "@/lib/evaluators/mutations";
import { evaluatorBodySchema, evaluatorIdParams } from "@/lib/evaluators/schema";
import { apiRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const PUT = apiRoute({ scopes: ["admin"], params: evaluatorIdParams, body: evaluatorBodySchema }, async ({ teamId, keyId, params, body }) =>
  updateEvaluator(teamId, { keyId }, params.evaluatorId, body));

export const { GET, POST, PATCH, DELETE } = otherMethods(["PUT"]);
