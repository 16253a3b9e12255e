// One call, whatever carries it: route "auto" by the local policy, send each attempt through the
// transport's hook, measure, judge, escalate per policy, sample shadows in the background and log one
// event per attempt. The wrapped openai client and the fetch shim differ only in their Hook.
import { randomUUID } from "node:crypto";
import { estimateTokens } from "./checks";
import { choose, sampleShadows, type Features } from "./evaluate";
import { errorType, finishedEvent, judge, readResponse, contentOf, safeLog, type Api, type Attempt, type CallContext, type CallOptions, type Host, type Loose, type WireEvent } from "./events";
import { observe } from "./observe";

/** How a transport sends one attempt and hands a stream back to the app. */
export type Hook = {
  /** A plain attempt resolves to the parsed answer; a streamed one to an async iterable of parsed chunks. */
  send(body: Loose, options: Loose): Promise<Loose>;
  /** What the app gets for a streamed attempt (`callId` its id), reading the observed chunks. */
  stream(observed: () => AsyncIterator<Loose>, source: Loose, callId: string): Loose;
};

/** The served (not shadow) attempt's own promise, for withResponse and asResponse. */
export type Holder = { served?: unknown };

/** Inner over outer, field by field; metadata merged key by key (a call's own option is the innermost). */
export function mergeContext<C extends CallContext>(outer: CallContext | undefined, inner: C | undefined): C | CallContext | undefined {
  if (!outer) return inner;
  if (!inner) return outer;
  const metadata = outer.metadata || inner.metadata ? { ...outer.metadata, ...inner.metadata } : undefined;
  return { ...outer, ...inner, ...(metadata ? { metadata } : {}) };
}

export function planCall(host: Host, api: Api, body: Loose, own: CallOptions | undefined) {
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

export type Plan = ReturnType<typeof planCall>;

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

/** One plain (non-stream) attempt: its response or error, and the failure kind the policy may act on. */
async function plainAttempt(host: Host, api: Api, hook: Hook, body: Loose, rest: Loose, plan: Plan, a: Attempt) {
  const started = Date.now();
  const t0 = performance.now();
  const base = baseEvent(plan, a, started);
  let res: Loose;
  try {
    const pending = hook.send({ ...body, model: a.model }, rest);
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

export async function run(host: Host, api: Api, hook: Hook, body: Loose, rest: Loose, plan: Plan): Promise<unknown> {
  if (body.stream === true) return runStream(host, api, hook, body, rest, plan);
  let a: Attempt = { id: plan.callId, model: plan.model, attempt: 1 };
  for (;;) {
    const result = await plainAttempt(host, api, hook, body, rest, plan, a);
    const next = nextAttempt(plan, a, result.failure);
    if (!next) {
      if ("err" in result) throw result.err;
      startShadows(host, api, hook, body, rest, plan, a.model);
      return result.res;
    }
    a = next;
  }
}

/** Shadow copies run after the app has its answer; their responses are only judged and logged. */
function startShadows(host: Host, api: Api, hook: Hook, body: Loose, rest: Loose, plan: Plan, served: string) {
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
      void plainAttempt(host, api, hook, plainBody, rest, shadowPlan, { id: randomUUID(), model, attempt: 1, shadowOf: plan.callId }).catch(() => undefined);
    });
  }
}

async function runStream(host: Host, api: Api, hook: Hook, body: Loose, rest: Loose, plan: Plan): Promise<unknown> {
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
      const pending = hook.send(request, rest);
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
      const wrapped = hook.stream(() => observe(host, api, stream as AsyncIterable<Loose>, body, plan, base, t0, wantsUsage, rest.signal), stream, a.id);
      host.remember(wrapped, a.id);
      startShadows(host, api, hook, body, rest, plan, a.model);
      return wrapped;
    } catch {
      return stream; // unmeasured, but the app gets its stream
    }
  }
}
