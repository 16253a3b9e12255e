// Instruments an openai client without changing its type: chat.completions.create (plain and stream)
// and responses.create are wrapped; everything else passes through. Per call: route "auto" by the local
// policy, measure latency and TTFT, read usage, check the output, escalate per policy, sample shadow
// calls in the background, and enqueue one event per attempt. Instrumentation errors never reach the app.
import { randomUUID } from "node:crypto";
import { Stream } from "openai/core/streaming";
import { estimateTokens, malformedReason } from "./checks";
import { choose, sampleShadows, type Features } from "./evaluate";
import type { Policy } from "./policy";

/** Loosely typed request/response objects: the wrapper reads a few fields of many OpenAI shapes. */
type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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

type Api = "chat" | "responses";
type Attempt = { id: string; model: string; attempt: number; parentId?: string; escalatedFrom?: string; shadowOf?: string };
type Verdict = { reason: string | null; validated: boolean | null };

/** Why a call failed, as events name it; `aborted` when the app cancelled it (never a model failure). */
function errorType(err: unknown, signal?: AbortSignal): string {
  const e = err as { status?: number; name?: string; constructor?: { name?: string } };
  if (signal?.aborted || e?.name === "AbortError" || e?.constructor?.name === "APIUserAbortError") return "aborted";
  if (e?.status === 429) return "rate_limit";
  if (/Timeout/.test(e?.constructor?.name ?? e?.name ?? "")) return "timeout";
  return "api_error";
}

/** What a response says, in one shape for both APIs. */
function readResponse(api: Api, res: Loose) {
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
function outputText(response: Loose): Loose {
  if (typeof response.output_text === "string") return response;
  const text = (response.output ?? []).flatMap((o: Loose) => (o.type === "message" ? (o.content ?? []).filter((c: Loose) => c.type === "output_text").map((c: Loose) => c.text) : [])).join("");
  return { ...response, output_text: text };
}

function judge(api: Api, body: Loose, response: unknown, read: ReturnType<typeof readResponse>, validate?: CallOptions["validate"]): Verdict {
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

/**
 * What an instrumented create returns: a promise of the app's result that also answers openai's APIPromise
 * methods, so `.withResponse()`, `.asResponse()` and the helpers built on `_thenUnwrap` (parse) work.
 */
class CallPromise<T> extends Promise<T> {
  static get [Symbol.species]() {
    return Promise;
  }
  declare holder: Holder;

  static of<T>(result: Promise<T>, holder: Holder): CallPromise<T> {
    const p = new CallPromise<T>((resolve, reject) => result.then(resolve, reject));
    p.holder = holder;
    return p;
  }

  _thenUnwrap<U>(transform: (data: T, props?: unknown) => U): CallPromise<U> {
    return CallPromise.of(this.then((data) => transform(data)), this.holder);
  }

  async withResponse(): Promise<{ data: T; response: Response; request_id: string | null }> {
    const data = await this;
    const response = await this.rawResponse();
    return { data, response, request_id: response.headers.get("x-request-id") };
  }

  /**
   * The served attempt's Response. Its body was read to log the call, so a plain call's comes back rebuilt
   * from the parsed answer (same status and headers); a stream's is the raw one, which the app then reads
   * instead of the wrapped stream (and the call is not logged).
   */
  async asResponse(): Promise<Response> {
    const data: unknown = await this;
    const response = await this.rawResponse();
    return data && typeof data === "object" && Symbol.asyncIterator in data ? response : new Response(JSON.stringify(data), { status: response.status, statusText: response.statusText, headers: response.headers });
  }

  private async rawResponse(): Promise<Response> {
    const served = this.holder.served as { asResponse?: () => Promise<Response> } | undefined;
    if (typeof served?.asResponse !== "function") throw new Error("This client's responses carry no Response object.");
    return served.asResponse();
  }
}

/** The served (not shadow) attempt's own promise, for withResponse and asResponse. */
type Holder = { served?: unknown };

export function instrument(host: Host, api: Api, original: (body: Loose, options?: Loose) => Promise<Loose>) {
  return function create(this: unknown, body: Loose, options?: Loose): Promise<unknown> {
    let plan: ReturnType<typeof planCall>;
    const { switchyard, ...rest } = options ?? {};
    try {
      plan = planCall(host, api, body, switchyard as CallOptions | undefined);
    } catch {
      return original.call(this, body, options && "switchyard" in options ? rest : options); // never break the app's call
    }
    return CallPromise.of(run(host, api, original.bind(this), body, rest, plan), plan.holder);
  };
}

/** Inner over outer, field by field; metadata merged key by key (a call's own option is the innermost). */
export function mergeContext<C extends CallContext>(outer: CallContext | undefined, inner: C | undefined): C | CallContext | undefined {
  if (!outer) return inner;
  if (!inner) return outer;
  const metadata = outer.metadata || inner.metadata ? { ...outer.metadata, ...inner.metadata } : undefined;
  return { ...outer, ...inner, ...(metadata ? { metadata } : {}) };
}

function planCall(host: Host, api: Api, body: Loose, own: CallOptions | undefined) {
  const { version, policy } = host.policy();
  const sy = mergeContext(host.context(), own) as CallOptions | undefined;
  const callId = randomUUID();
  const features: Features = {
    taskType: sy?.taskType ?? "default",
    contextTokens: estimateTokens(api === "chat" ? body.messages : body.input),
    toolCount: Array.isArray(body.tools) ? body.tools.length : 0,
    metadata: sy?.metadata,
    traceId: sy?.traceId,
    callId,
  };
  const routed = body.model === "auto";
  const choice = routed ? choose(policy, features) : { model: String(body.model), ruleId: null, propensity: undefined };
  return {
    sy, features, callId, policy, version: routed ? version : undefined, ruleId: choice.ruleId, model: choice.model, propensity: choice.propensity,
    escalation: routed ? policy.escalation : undefined, holder: {} as Holder,
  };
}

type Plan = ReturnType<typeof planCall>;

function baseEvent(plan: Plan, a: Attempt, started: number): WireEvent {
  const sy = plan.sy;
  const e: WireEvent = {
    id: a.id, timestamp: started, taskType: plan.features.taskType, model: a.model, provider: "openai",
    contextTokens: plan.features.contextTokens, toolCount: plan.features.toolCount, attempt: a.attempt,
  };
  if (a.parentId) e.parentId = a.parentId;
  if (a.escalatedFrom) e.escalatedFrom = a.escalatedFrom;
  if (a.shadowOf) e.shadowOf = a.shadowOf;
  if (sy?.traceId) e.traceId = sy.traceId;
  if (sy?.stepIndex !== undefined) e.stepIndex = sy.stepIndex;
  if (sy?.metadata) e.metadata = sy.metadata;
  if (plan.version !== undefined) e.policyVersion = plan.version;
  if (plan.ruleId) e.ruleId = plan.ruleId;
  // The routing decision's probability belongs to the call it routed: the first, non-shadow attempt.
  if (plan.propensity !== undefined && a.attempt === 1 && !a.shadowOf) e.propensity = plan.propensity;
  return e;
}

const MAX_CONTENT = 32 * 1024;
const cut = (text: string) => (text.length > MAX_CONTENT ? text.slice(0, MAX_CONTENT) : text);

/**
 * The call's content as events carry it: the request's messages (or input) and tools as JSON; the answer's
 * text, or JSON with its tool calls in the chat shape when it made any (evaluators read both shapes).
 */
function contentOf(api: Api, body: Loose, read: ReturnType<typeof readResponse>) {
  const request = api === "chat" ? { messages: body.messages, ...(body.tools ? { tools: body.tools } : {}) } : { input: body.input, ...(body.tools ? { tools: body.tools } : {}) };
  const output = read.calls.length
    ? JSON.stringify({ role: "assistant", content: read.text ?? null, tool_calls: read.calls.map((c: Loose) => ({ type: "function", function: { name: c.name, arguments: c.arguments } })) })
    : typeof read.text === "string" ? read.text : "";
  return { input: cut(JSON.stringify(request) ?? ""), output: cut(output) };
}

function finishedEvent(base: WireEvent, read: ReturnType<typeof readResponse>, verdict: Verdict, latencyMs: number, ttftMs?: number): WireEvent {
  const outcome = verdict.validated !== null ? (verdict.validated && !verdict.reason ? "success" : "failure") : verdict.reason ? "failure" : undefined;
  return {
    ...base, status: "ok", latencyMs, ...(ttftMs !== undefined ? { ttftMs: Math.min(ttftMs, latencyMs) } : {}),
    inputTokens: read.input ?? 0, outputTokens: read.output ?? 0,
    ...(typeof read.cached === "number" ? { cachedInputTokens: Math.min(read.cached, read.input ?? 0) } : {}),
    ...(typeof read.reasoning === "number" ? { reasoningTokens: read.reasoning } : {}),
    toolCallCount: read.calls.length, ...(verdict.reason ? { errorType: "malformed_output" } : {}), ...(outcome ? { outcome } : {}),
  };
}

function safeLog(host: Host, event: WireEvent) {
  try {
    host.log(event);
  } catch {
    // logging must never reach the app
  }
}

/** One plain (non-stream) attempt: its response or error, and the failure kind the policy may act on. */
async function plainAttempt(host: Host, api: Api, call: (b: Loose, o?: Loose) => Promise<Loose>, body: Loose, rest: Loose, plan: Plan, a: Attempt) {
  const started = Date.now();
  const t0 = performance.now();
  const base = baseEvent(plan, a, started);
  let res: Loose;
  try {
    const pending = call({ ...body, model: a.model }, rest);
    if (!a.shadowOf) plan.holder.served = pending;
    res = await pending;
  } catch (err) {
    const type = errorType(err, rest.signal);
    safeLog(host, { ...base, status: "error", errorType: type, latencyMs: performance.now() - t0, inputTokens: 0, outputTokens: 0 });
    return { err, failure: type === "aborted" ? null : ("error" as const) };
  }
  const latencyMs = performance.now() - t0;
  // The app's call succeeded: nothing below may turn that into an exception.
  try {
    const read = readResponse(api, res);
    const verdict = judge(api, body, res, read, plan.sy?.validate);
    const event = finishedEvent(base, read, verdict, latencyMs);
    safeLog(host, host.capture() ? { ...event, ...contentOf(api, body, read) } : event);
    if (res && typeof res === "object") host.remember(res, a.id);
    return { res, failure: verdict.reason ? ("malformed_output" as const) : null };
  } catch {
    return { res, failure: null };
  }
}

function nextAttempt(plan: Plan, prev: Attempt, failure: "error" | "malformed_output" | null): Attempt | null {
  const e = plan.escalation;
  if (!failure || !e || !e.on.includes(failure) || prev.model === e.model || prev.attempt >= e.maxAttempts) return null;
  return { id: randomUUID(), model: e.model, attempt: prev.attempt + 1, parentId: plan.callId, escalatedFrom: prev.model };
}

async function run(host: Host, api: Api, call: (b: Loose, o?: Loose) => Promise<Loose>, body: Loose, rest: Loose, plan: Plan): Promise<unknown> {
  if (body.stream === true) return runStream(host, api, call, body, rest, plan);
  let a: Attempt = { id: plan.callId, model: plan.model, attempt: 1 };
  for (;;) {
    const result = await plainAttempt(host, api, call, body, rest, plan, a);
    const next = nextAttempt(plan, a, result.failure);
    if (!next) {
      if ("err" in result) throw result.err;
      startShadows(host, api, call, body, rest, plan, a.model);
      return result.res;
    }
    a = next;
  }
}

/** Shadow copies run after the app has its answer; their responses are only judged and logged. */
function startShadows(host: Host, api: Api, call: (b: Loose, o?: Loose) => Promise<Loose>, body: Loose, rest: Loose, plan: Plan, served: string) {
  let models: string[] = [];
  try {
    models = sampleShadows(plan.policy, plan.features, served, host.random);
  } catch {
    return;
  }
  const { stream: _s, stream_options: _o, ...plainBody } = body;
  for (const model of models) {
    const shadowPlan = { ...plan, escalation: undefined, holder: {} };
    setImmediate(() => {
      void plainAttempt(host, api, call, plainBody, rest, shadowPlan, { id: randomUUID(), model, attempt: 1, shadowOf: plan.callId }).catch(() => undefined);
    });
  }
}

async function runStream(host: Host, api: Api, call: (b: Loose, o?: Loose) => Promise<Loose>, body: Loose, rest: Loose, plan: Plan): Promise<unknown> {
  const wantsUsage = body.stream_options?.include_usage === true;
  let a: Attempt = { id: plan.callId, model: plan.model, attempt: 1 };
  for (;;) {
    const started = Date.now();
    const t0 = performance.now();
    const base = baseEvent(plan, a, started);
    let stream: Loose;
    try {
      // Chat streams carry usage only when asked; responses streams end with it in response.completed.
      const request = api === "chat" ? { ...body, model: a.model, stream_options: { ...body.stream_options, include_usage: true } } : { ...body, model: a.model };
      const pending = call(request, rest);
      plan.holder.served = pending;
      stream = await pending;
    } catch (err) {
      const type = errorType(err, rest.signal);
      safeLog(host, { ...base, status: "error", errorType: type, latencyMs: performance.now() - t0, inputTokens: 0, outputTokens: 0 });
      const next = nextAttempt(plan, a, type === "aborted" ? null : "error");
      if (!next) throw err;
      a = next;
      continue;
    }
    try {
      const wrapped = new Stream(() => observe(host, api, stream as AsyncIterable<Loose>, body, plan, base, t0, wantsUsage, rest.signal), stream.controller);
      host.remember(wrapped, a.id);
      startShadows(host, api, call, body, rest, plan, a.model);
      return wrapped;
    } catch {
      return stream; // unmeasured, but the app gets its stream
    }
  }
}

/**
 * Passes every chunk through unchanged, except a chat usage-only chunk the app did not ask for. A plain
 * iterator object rather than an async generator: this sits on every chunk of every stream.
 */
function observe(host: Host, api: Api, stream: AsyncIterable<Loose>, body: Loose, plan: Plan, base: WireEvent, t0: number, wantsUsage: boolean, signal?: AbortSignal): AsyncIterator<Loose> {
  const inner = stream[Symbol.asyncIterator]();
  let ttft: number | undefined;
  let text = "";
  const calls = new Map<number, { name: string; arguments: string }>();
  let usage: Loose | null = null;
  let completed: Loose | null = null;
  // The answer is whole once the model said why it stopped, even if the app stops reading before usage.
  let answered = false;
  let finished = false;
  // Output tokens by the text and tool calls seen, where the API has not said (no usage chunk yet).
  const seenTokens = () => estimateTokens(text + [...calls.values()].map((c) => c.name + c.arguments).join(""));

  const finish = (err?: unknown, stopped = false) => {
    if (finished) return;
    finished = true;
    const latencyMs = performance.now() - t0;
    if (err !== undefined || stopped) {
      // A stream the app stopped is logged with what had arrived: the prompt as sent, the tokens seen so far.
      const seen = stopped ? { inputTokens: plan.features.contextTokens, outputTokens: seenTokens() } : { inputTokens: 0, outputTokens: 0 };
      safeLog(host, { ...base, status: "error", errorType: stopped ? "aborted" : errorType(err, signal), latencyMs, ...(ttft !== undefined ? { ttftMs: ttft } : {}), ...seen });
      return;
    }
    try {
      const shaped = api === "chat" ? { choices: [{ message: { content: text, tool_calls: [...calls.values()].map((c) => ({ function: c })) } }], usage } : (completed ?? {});
      const read = api === "chat" ? { ...readResponse("chat", { usage: usage ?? { prompt_tokens: plan.features.contextTokens, completion_tokens: seenTokens() } }), text, calls: [...calls.values()] } : readResponse("responses", outputText(shaped));
      const event = finishedEvent(base, read, judge(api, body, shaped, read, plan.sy?.validate), latencyMs, ttft);
      safeLog(host, host.capture() ? { ...event, ...contentOf(api, body, read) } : event);
    } catch {
      // never into the app
    }
  };

  // Reads what the chunk tells about the call; true when the app should not see it.
  const inspect = (chunk: Loose): boolean => {
    ttft ??= performance.now() - t0;
    if (api === "responses") {
      if (chunk.type === "response.output_text.delta" && typeof chunk.delta === "string") text += chunk.delta;
      if (chunk.type === "response.completed") {
        completed = chunk.response;
        answered = true;
      }
      return false;
    }
    if (chunk.usage) usage = chunk.usage;
    if (chunk.choices?.[0]?.finish_reason) answered = true;
    const delta = chunk.choices?.[0]?.delta;
    if (delta?.content) text += delta.content;
    if (delta?.tool_calls) {
      for (const tc of delta.tool_calls) {
        const c = calls.get(tc.index) ?? { name: "", arguments: "" };
        c.name += tc.function?.name ?? "";
        c.arguments += tc.function?.arguments ?? "";
        calls.set(tc.index, c);
      }
    }
    return !wantsUsage && !!chunk.usage && (chunk.choices?.length ?? 0) === 0;
  };

  return {
    async next() {
      for (;;) {
        let step: IteratorResult<Loose>;
        try {
          step = await inner.next();
        } catch (err) {
          finish(err);
          throw err;
        }
        if (step.done) {
          // openai's Stream ends quietly, without an error, when the app aborts it.
          finish(undefined, !answered && (signal?.aborted === true || (stream as Loose).controller?.signal?.aborted === true));
          return step;
        }
        if (!inspect(step.value)) return step;
      }
    },
    async return(value?: unknown) {
      finish(undefined, !answered);
      await inner.return?.();
      return { done: true, value } as IteratorResult<Loose>;
    },
  };
}
