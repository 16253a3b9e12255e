// POST /api/v1/otlp/v1/traces: OTLP/HTTP trace export (protobuf or JSON, gzip); LLM spans become calls (contracts §12).
import { readBytes } from "@/lib/http/body";
import { apiRoute, otherMethods } from "@/lib/http/route";
import { takeRequest } from "@/lib/ingest/rate-limit";
import { decodeSpans, encodingOf } from "@/lib/otlp/decode";
import { exportResponse, ingestSpans } from "@/lib/otlp/ingest";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ scopes: ["ingest"], beforeBody: ({ keyId }) => takeRequest(keyId) }, async ({ teamId, request }) => {
  const encoding = encodingOf(request.headers.get("content-type"));
  const spans = decodeSpans(await readBytes(request), encoding);
  return exportResponse(await ingestSpans(teamId, spans), encoding);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
