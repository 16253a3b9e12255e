// POST /api/v1/ingest: store a batch of call events (contracts §3).
import { apiRoute, otherMethods } from "@/lib/http/route";
import { ingestEvents } from "@/lib/ingest/mutations";
import { takeRequest } from "@/lib/ingest/rate-limit";
import { checkBatchSize, ingestBodySchema } from "@/lib/ingest/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["ingest"], body: ingestBodySchema, beforeBody: ({ keyId }) => takeRequest(keyId) }, async ({ teamId, body }) => {
  checkBatchSize(body.events, "events");
  return ingestEvents(teamId, body.events);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
