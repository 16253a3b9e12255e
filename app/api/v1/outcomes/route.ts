// POST /api/v1/outcomes: quality labels for calls or whole traces, known after the call (contracts §4).
import { apiRoute, otherMethods } from "@/lib/http/route";
import { takeRequest } from "@/lib/ingest/rate-limit";
import { outcomesBodySchema, parseOutcomeLabels } from "@/lib/ingest/schema";
import { applyOutcomes } from "@/lib/outcomes/mutations";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["ingest"], body: outcomesBodySchema, beforeBody: ({ keyId }) => takeRequest(keyId) }, async ({ teamId, body }) =>
  applyOutcomes(teamId, parseOutcomeLabels(body.outcomes)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
