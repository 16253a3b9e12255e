// An OTLP trace export into calls: its LLM spans, in start order (a trace's steps in the order they ran),
// through the ingest path in batches of its size limit; the answer is OTLP's partial success.
import type { TeamId } from "@/lib/auth/team-id";
import { ingestEvents } from "@/lib/ingest/mutations";
import { MAX_EVENTS } from "@/lib/ingest/schema";
import { ExportResponse } from "@/lib/otlp/proto";
import type { Encoding, Span } from "@/lib/otlp/decode";
import { isLlmCall, toCallEvent } from "@/lib/otlp/genai";
import { getTaskTypeRules } from "@/lib/otlp/settings";

export type SpanResult = { calls: number; accepted: number; duplicates: number; rejected: number; errorMessage: string };

/** How many rejections the answer's message spells out (the count covers them all). */
const SHOWN = 5;

/**
 * What is wrong with a span's ids, which name its call: OTLP's trace id is 16 bytes and its span id 8,
 * neither all zeros (the spec's invalid ids). Else null.
 */
function idProblem(span: Span): string | null {
  const check = (id: string, bytes: number, name: string) =>
    !new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(id) ? `${name} must be ${bytes} bytes (${bytes * 2} hex digits)` : /^0+$/.test(id) ? `${name} must not be all zeros` : null;
  return check(span.traceId, 16, "traceId") ?? check(span.spanId, 8, "spanId");
}

export async function ingestSpans(teamId: TeamId, spans: Span[]): Promise<SpanResult> {
  const llm = spans.filter(isLlmCall);
  const calls = llm.filter((s) => !idProblem(s)).sort((a, b) => (a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0));
  const rules = calls.length ? await getTaskTypeRules(teamId) : [];
  const result: SpanResult = { calls: llm.length, accepted: 0, duplicates: 0, rejected: llm.length - calls.length, errorMessage: "" };
  const reasons = llm.filter(idProblem).slice(0, SHOWN).map((span) => `span ${JSON.stringify(span.spanId.slice(0, 40))}: ${idProblem(span)}`);
  for (let i = 0; i < calls.length; i += MAX_EVENTS) {
    const batch = calls.slice(i, i + MAX_EVENTS);
    const stored = await ingestEvents(teamId, batch.map((span) => toCallEvent(span, rules)));
    result.accepted += stored.accepted;
    result.duplicates += stored.duplicates;
    result.rejected += stored.rejected.length;
    for (const r of stored.rejected.slice(0, SHOWN - reasons.length)) {
      const span = batch[r.index];
      reasons.push(`span ${span.spanId} (trace ${span.traceId}): ${r.errors.map((e) => `${e.path} ${e.message}`).join("; ")}`);
    }
  }
  if (result.rejected) result.errorMessage = `${result.rejected} LLM span(s) rejected. ${reasons.join(" | ")}${result.rejected > reasons.length ? " | …" : ""}`;
  return result;
}

/** ExportTraceServiceResponse in the request's encoding; partialSuccess only when something was rejected. */
export function exportResponse(result: SpanResult, encoding: Encoding): Response {
  const partial = result.rejected ? { partialSuccess: { rejectedSpans: result.rejected, errorMessage: result.errorMessage } } : {};
  if (encoding === "json") return Response.json(partial);
  const body = ExportResponse.encode(ExportResponse.fromObject(partial)).finish();
  return new Response(Buffer.from(body), { headers: { "content-type": "application/x-protobuf" } });
}
