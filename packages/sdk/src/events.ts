// What the SDK logs about a call, whichever transport made it (the wrapped openai client or the fetch
// shim): the shared types, how a response is read and judged, and the event fields that follow.
import { malformedReason } from "./checks";
import type { Policy } from "./policy";

/** Loosely typed request/response objects: the SDK reads a few fields of many OpenAI shapes. */
export type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What a call is, for routing and for the dashboard: per call, per sy.run scope or per wrapped client. */
export type CallContext = {
  taskType?: string;
  traceId?: string;
  stepIndex?: number;
  metadata?: Record<string, string>;
};

export type CallOptions = CallContext & {
  /** The app's success check: true, or the reason the response is not good enough. */
  validate?: (response: unknown) => true | string;
};

export type WireEvent = Loose & { id: string; timestamp: number };

export type Host = {
  policy(): { version: number | undefined; policy: Policy };
  /** The context in force for a call starting now (sy.run over the client's defaults). */
  context(): CallContext | undefined;
  log(event: WireEvent): void;
  remember(response: object, callId: string): void;
  random(): number;
  /** Whether events carry the call's content now (SwitchyardOptions.captureContent, else the team's setting). */
  capture(): boolean;
};

export type Api = "chat" | "responses";
export type Attempt = { id: string; model: string; attempt: number; parentId?: string; escalatedFrom?: string; shadowOf?: string };
export type Verdict = { reason: string | null; validated: boolean | null };

/** Why a call failed, as events name it; `aborted` when the app cancelled it (never a model failure). */
export function errorType(err: unknown, signal?: AbortSignal): string {
  const e = err as { status?: number; name?: string; constructor?: { name?: string } };
  if (signal?.aborted || e?.name === "AbortError" || e?.constructor?.name === "APIUserAbortError") return "aborted";
  if (e?.status === 429) return "rate_limit";
  if (/Timeout/.test(e?.constructor?.name ?? e?.name ?? "")) return "timeout";
  return "api_error";
}

/** What a response says, in one shape for both APIs. */
export function readResponse(api: Api, res: Loose) {
  if (api === "chat") {
    const message = res.choices?.[0]?.message ?? {};
    const calls = (message.tool_calls ?? []).map((c: Loose) => ({ name: c.function?.name, arguments: c.function?.arguments }));
    const u = res.usage ?? {};
    return { text: message.content, calls, input: u.prompt_tokens, output: u.completion_tokens, cached: u.prompt_tokens_details?.cached_tokens, reasoning: u.completion_tokens_details?.reasoning_tokens };
  }
  const calls = (res.output ?? []).filter((o: Loose) => o.type === "function_call").map((o: Loose) => ({ name: o.name, arguments: o.arguments }));
  const u = res.usage ?? {};
  return { text: res.output_text, calls, input: u.input_tokens, output: u.output_tokens, cached: u.input_tokens_details?.cached_tokens, reasoning: u.output_tokens_details?.reasoning_tokens };
}

/** A streamed response has no output_text convenience field; rebuild it from the output items. */
export function outputText(response: Loose): Loose {
  if (typeof response.output_text === "string") return response;
  const text = (response.output ?? []).flatMap((o: Loose) => (o.type === "message" ? (o.content ?? []).filter((c: Loose) => c.type === "output_text").map((c: Loose) => c.text) : [])).join("");
  return { ...response, output_text: text };
}

export function judge(api: Api, body: Loose, response: unknown, read: ReturnType<typeof readResponse>, validate?: CallOptions["validate"]): Verdict {
  const format = api === "chat" ? body.response_format : body.text?.format;
  let reason = malformedReason(format, read.text, read.calls, body.tools);
  let validated: boolean | null = null;
  if (validate) {
    try {
      const verdict = validate(response);
      validated = verdict === true;
      if (verdict !== true) reason ??= String(verdict);
    } catch (err) {
      validated = false;
      reason ??= `validate threw: ${(err as Error).message}`;
    }
  }
  return { reason, validated };
}

const MAX_CONTENT = 32 * 1024;
const cut = (text: string) => (text.length > MAX_CONTENT ? text.slice(0, MAX_CONTENT) : text);

/**
 * The call's content as events carry it: the request's messages (or input) and tools as JSON; the answer's
 * text, or JSON with its tool calls in the chat shape when it made any (evaluators read both shapes).
 */
export function contentOf(api: Api, body: Loose, read: ReturnType<typeof readResponse>) {
  const request = api === "chat" ? { messages: body.messages, ...(body.tools ? { tools: body.tools } : {}) } : { input: body.input, ...(body.tools ? { tools: body.tools } : {}) };
  const output = read.calls.length
    ? JSON.stringify({ role: "assistant", content: read.text ?? null, tool_calls: read.calls.map((c: Loose) => ({ type: "function", function: { name: c.name, arguments: c.arguments } })) })
    : typeof read.text === "string" ? read.text : "";
  return { input: cut(JSON.stringify(request) ?? ""), output: cut(output) };
}

export function finishedEvent(base: WireEvent, read: ReturnType<typeof readResponse>, verdict: Verdict, latencyMs: number, ttftMs?: number): WireEvent {
  const outcome = verdict.validated !== null ? (verdict.validated && !verdict.reason ? "success" : "failure") : verdict.reason ? "failure" : undefined;
  return {
    ...base, status: "ok", latencyMs, ...(ttftMs !== undefined ? { ttftMs: Math.min(ttftMs, latencyMs) } : {}),
    inputTokens: read.input ?? 0, outputTokens: read.output ?? 0,
    ...(typeof read.cached === "number" ? { cachedInputTokens: Math.min(read.cached, read.input ?? 0) } : {}),
    ...(typeof read.reasoning === "number" ? { reasoningTokens: read.reasoning } : {}),
    toolCallCount: read.calls.length, ...(verdict.reason ? { errorType: "malformed_output" } : {}), ...(outcome ? { outcome } : {}),
  };
}

export function safeLog(host: Host, event: WireEvent) {
  try {
    host.log(event);
  } catch {
    // logging must never reach the app
  }
}
