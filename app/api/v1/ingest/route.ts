// POST /api/v1/ingest: store a batch of call events (contracts §3).
import { apiRoute } from "@/lib/http/route";
import { AppError } from "@/lib/http/errors";
import { ingestEvents } from "@/lib/ingest/mutations";
import { takeRequest } from "@/lib/ingest/rate-limit";
import { ingestBodySchema, MAX_EVENTS } from "@/lib/ingest/schema";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["ingest"], body: ingestBodySchema, beforeBody: ({ keyId }) => takeRequest(keyId) }, async ({ teamId, body }) => {
  if (body.events.length > MAX_EVENTS) {
    throw new AppError(413, "payload_too_large", `A batch holds at most ${MAX_EVENTS} events; this one has ${body.events.length}.`);
  }
  return ingestEvents(teamId, body.events);
});
