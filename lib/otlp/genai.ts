// Which spans are LLM calls, and the call event each one becomes (contracts §12). Attribute names follow the
// OpenTelemetry GenAI conventions in their current and previous names, plus what OpenLLMetry, OpenLIT and
// the Vercel AI SDK (ai.*) emit. The event then takes the ingest path like any other: same validation,
// pricing, rollups, and idempotency on its id.
import type { Attributes, Span, Value } from "@/lib/otlp/decode";
import { ruleTaskType, type TaskTypeRule } from "@/lib/otlp/rules";

/** GenAI operations that are not a model call (an agent's, a step's or a tool's own span; the AI SDK's agent_step). */
const NOT_CALLS = new Set(["invoke_agent", "create_agent", "agent_step", "execute_tool", "embeddings"]);
/** The Vercel AI SDK's spans that are the provider call itself (its outer ai.generateText etc. wrap them). */
const VERCEL_CALL = /\.(doGenerate|doStream)$/;

export const UNMAPPED = "unmapped";

const first = (attrs: Attributes, names: string[]) => {
  for (const n of names) {
    const v = attrs.get(n);
    if (v !== undefined && v !== null && v !== "") return v;
  }
  return undefined;
};
const text = (v: Value | undefined) => (v === undefined || v === null ? undefined : typeof v === "string" ? v : JSON.stringify(v));
const number = (v: Value | undefined) => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
};

export function isLlmCall(span: Span): boolean {
  const a = span.attributes;
  const op = a.get("ai.operationId");
  if (typeof op === "string") return VERCEL_CALL.test(op);
  const operation = a.get("gen_ai.operation.name");
  if (typeof operation === "string") return !NOT_CALLS.has(operation);
  const requestType = a.get("llm.request.type");
  if (typeof requestType === "string") return requestType !== "embedding";
  return ["gen_ai.system", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.response.model"].some((n) => a.has(n));
}

/**
 * A switchyard.* setting: on the span (or in the Vercel AI SDK's legacy telemetry metadata), else on its
 * resource. Not inherited from the span a call runs under: exporters send a run's spans in separate
 * batches (a child usually ends, and is sent, before its parent), so inheritance would depend on batching.
 */
function setting(span: Span, key: string): Value | undefined {
  return first(span.attributes, [key, `ai.telemetry.metadata.${key}`]) ?? first(span.resource, [key]);
}

function metadataOf(span: Span): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const attrs of [span.resource, span.attributes]) {
    for (const [k, v] of attrs) {
      const key = k.startsWith("switchyard.metadata.") ? k.slice(20) : k.startsWith("ai.telemetry.metadata.switchyard.metadata.") ? k.slice(42) : null;
      if (key && v !== null) out[key] = typeof v === "string" ? v : JSON.stringify(v);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Milliseconds to the first chunk, as each instrumentation records it (seconds or milliseconds). */
function ttftMs(a: Attributes): number | undefined {
  const seconds = number(first(a, ["gen_ai.response.time_to_first_chunk", "gen_ai.client.operation.time_to_first_chunk", "gen_ai.server.time_to_first_token"]));
  if (seconds !== undefined) return seconds * 1000;
  return number(first(a, ["ai.response.msToFirstChunk", "ai.stream.msToFirstChunk"]));
}

/** The call event of an LLM span; `rules`: the team's task-type rules, for spans that name no task type. */
export function toCallEvent(span: Span, rules: TaskTypeRule[] = []): Record<string, unknown> {
  const a = span.attributes;
  const latencyMs = Number(span.endNs - span.startNs) / 1e6;
  const ttft = ttftMs(a);
  const error = span.statusCode === 2;
  const event: Record<string, unknown> = {
    id: `otel:${span.traceId}:${span.spanId}`,
    traceId: span.traceId,
    timestamp: Number(span.startNs / 1_000_000n),
    taskType: text(setting(span, "switchyard.task_type")) ?? ruleTaskType(span, rules) ?? UNMAPPED,
    model: text(first(a, ["gen_ai.response.model", "gen_ai.request.model", "ai.response.model", "ai.model.id", "llm.response.model", "llm.request.model"])),
    provider: text(first(a, ["gen_ai.provider.name", "gen_ai.system", "ai.model.provider"])),
    inputTokens: number(first(a, ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "ai.usage.inputTokens", "ai.usage.promptTokens", "llm.usage.prompt_tokens"])) ?? 0,
    outputTokens: number(first(a, ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "ai.usage.outputTokens", "ai.usage.completionTokens", "llm.usage.completion_tokens"])) ?? 0,
    cachedInputTokens: number(first(a, ["gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens", "ai.usage.cachedInputTokens"])),
    reasoningTokens: number(first(a, ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens", "ai.usage.reasoningTokens"])),
    latencyMs: Math.max(0, latencyMs),
    // An instrumentation's clock and the span's can disagree by a hair: the first chunk never comes after the end.
    ttftMs: ttft === undefined ? undefined : Math.max(0, Math.min(ttft, latencyMs)),
    status: error ? "error" : "ok",
    errorType: error ? (text(a.get("error.type"))?.slice(0, 64) ?? "api_error") : undefined,
    outcome: text(setting(span, "switchyard.outcome")),
    costUsd: number(first(a, ["gen_ai.usage.cost"])),
    metadata: metadataOf(span),
    input: text(first(a, ["gen_ai.input.messages", "ai.prompt.messages", "ai.prompt", "gen_ai.prompt"])),
    output: text(first(a, ["gen_ai.output.messages", "ai.response.text", "ai.response.object", "gen_ai.completion"])),
  };
  for (const k of Object.keys(event)) if (event[k] === undefined) delete event[k];
  return event;
}
