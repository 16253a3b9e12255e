// The SDK's entry point: holds the policy, the event and outcome queues, and wraps openai clients and fetch.
import { AsyncLocalStorage } from "node:async_hooks";
import { PolicySource } from "./policy-source";
import type { Policy } from "./policy";
import { Transport } from "./transport";
import { mergeContext } from "./calls";
import type { CallContext, Host, WireEvent } from "./events";
import { shimFetch } from "./fetch";
import { instrument } from "./wrap";

export type SwitchyardOptions = {
  apiKey: string | undefined;
  baseUrl: string;
  /** The model "auto" uses until a published policy arrives. */
  defaultModel?: string;
  /** Events held while the server is unreachable; the oldest are dropped beyond this. */
  maxBuffer?: number;
  batchSize?: number;
  flushIntervalMs?: number;
  /** How often to poll for the policy while the push stream is down. */
  pollIntervalMs?: number;
  /** Set false to skip fetching the policy (explicit models only). */
  policy?: boolean;
  fetch?: typeof fetch;
  onWarning?: (message: string) => void;
  /**
   * Send each call's request and answer with its event (`input`, `output`, at most 32 KiB each), shadow
   * calls included, for evaluators and review; stored only where the team turned content capture on.
   * Unset: follow the team's setting (Settings → General), which the server sends beside the policy and
   * pushes within a second of a change. `false`: never send content, whatever the team's setting.
   */
  captureContent?: boolean;
};

type Outcome = ({ callId: string } | { traceId: string }) & { outcome: "success" | "failure"; reason?: string };

const callIds = new WeakMap<object, string>();

// One beforeExit hook for all instances: flush what is queued when the app's work is done.
const open = new Set<Switchyard>();
let hooked = false;
function flushOnExit(sy: Switchyard) {
  open.add(sy);
  if (hooked) return;
  hooked = true;
  process.once("beforeExit", () => void Promise.all([...open].map((s) => s.flush())));
}

/** A sy.run scope: what it sets, and the next step index for calls in a traced run that name none. */
type Scope = { context: CallContext; steps?: { next: number } };

export class Switchyard {
  private readonly scopes = new AsyncLocalStorage<Scope>();
  private readonly events: Transport<WireEvent>;
  private readonly outcomes: Transport<Outcome>;
  private readonly source: PolicySource | null;
  private readonly fallback: Policy;

  private readonly capture: boolean | undefined;

  constructor(options: SwitchyardOptions) {
    this.capture = options.captureContent;
    const baseUrl = options.baseUrl.replace(/\/+$/, "");
    const apiKey = options.apiKey ?? "";
    const warn = options.onWarning ?? ((m: string) => console.warn(`[switchyard] ${m}`));
    const common = {
      apiKey, fetch: options.fetch ?? fetch, warn,
      maxBuffer: options.maxBuffer ?? 10_000, batchSize: options.batchSize ?? 500, flushIntervalMs: options.flushIntervalMs ?? 1000,
    };
    this.events = new Transport({ ...common, url: `${baseUrl}/api/v1/ingest`, field: "events" });
    this.outcomes = new Transport({ ...common, url: `${baseUrl}/api/v1/outcomes`, field: "outcomes" });
    this.fallback = { defaultModel: options.defaultModel ?? "gpt-5.4-mini" };
    this.source = options.policy === false ? null : new PolicySource({ baseUrl, apiKey, fetch: common.fetch, pollIntervalMs: options.pollIntervalMs ?? 5000 });
    this.source?.start();
    flushOnExit(this);
  }

  /**
   * Runs `fn` with a call context: every instrumented call made inside it (by the app or by any framework,
   * across awaits) carries these fields unless the call's own `switchyard` option says otherwise. Nested
   * runs add to the outer one. In a run with a traceId and no stepIndex, calls are numbered 0, 1, 2... in
   * the order they start, so an agent framework's steps arrive as one ordered trace.
   */
  run<R>(context: CallContext, fn: () => R): R {
    const outer = this.scopes.getStore();
    const merged = mergeContext(outer?.context, context) ?? {};
    const steps = context.traceId !== undefined && context.stepIndex === undefined ? { next: 0 } : context.traceId === undefined ? outer?.steps : undefined;
    return this.scopes.run({ context: merged, steps }, fn);
  }

  /** The context a call made now gets from sy.run (its step taken) over the client's defaults. */
  private contextNow(defaults: CallContext | undefined): CallContext | undefined {
    const scope = this.scopes.getStore();
    if (!scope) return defaults;
    const context = mergeContext(defaults, scope.context);
    return scope.steps && context?.stepIndex === undefined ? { ...context, stepIndex: scope.steps.next++ } : context;
  }

  /**
   * The same client, instrumented: chat.completions.create and responses.create, and the helpers built on
   * them (parse, stream, runTools); the rest untouched. `defaults` apply to every call made through it.
   */
  wrap<T extends object>(client: T, defaults?: CallContext): T {
    const host = this.host(defaults);
    // Proxies and instrumented methods are made once per object and reused: this is the call path.
    const proxies = new WeakMap<object, object>();
    const once = <O extends object>(target: O, make: () => O): O => {
      let p = proxies.get(target) as O | undefined;
      if (!p) proxies.set(target, (p = make()));
      return p;
    };
    const isObject = (v: unknown): v is object => !!v && typeof v === "object";
    // A resource (chat, chat.completions, responses): `create` instrumented; openai's helpers (parse,
    // stream, runTools) call this._client.<resource>.create, so they are handed the wrapped client.
    const resource = <O extends object>(target: O, api: "chat" | "responses" | null): O =>
      once(target, () => {
        let create: unknown;
        return new Proxy(target, {
          get(t, prop, receiver) {
            if (prop === "_client") return wrapped;
            const value = Reflect.get(t, prop, receiver);
            if (api === null) return prop === "completions" && isObject(value) ? resource(value, "chat") : value;
            if (prop !== "create" || typeof value !== "function") return value;
            return (create ??= instrument(host, api, value.bind(t)));
          },
        });
      });
    // The client's own methods read its private members, so they run on the real client, not the proxy;
    // withOptions' copy comes back wrapped with the same defaults.
    const bound = new WeakMap<object, unknown>();
    const wrapped: T = new Proxy(client, {
      get: (target, prop) => {
        const value = Reflect.get(target, prop, target);
        if (prop === "chat" && isObject(value)) return resource(value, null);
        if (prop === "responses" && isObject(value)) return resource(value, "responses");
        if (typeof value !== "function" || prop === "constructor") return value;
        let method = bound.get(value);
        if (!method) {
          const fn = value as (...args: unknown[]) => unknown;
          method = prop === "withOptions" ? (...args: unknown[]) => this.wrap(fn.apply(target, args) as object, defaults) : fn.bind(target);
          bound.set(value, method);
        }
        return method;
      },
    });
    return wrapped;
  }

  /** What instrumented calls need from this instance; `defaults` are the wrapped client's or fetch's. */
  private host(defaults: CallContext | undefined): Host {
    return {
      policy: () => this.source?.current ?? { version: undefined, policy: this.fallback },
      context: () => this.contextNow(defaults),
      log: (e: WireEvent) => this.events.enqueue(e),
      remember: (response: object, id: string) => callIds.set(response, id),
      random: Math.random,
      capture: () => this.capture ?? this.source?.captureContent === true,
    };
  }

  /**
   * A fetch that instruments OpenAI-compatible calls (POST …/chat/completions and …/responses with a JSON
   * body) as `wrap` does, for clients that accept a custom fetch; other requests pass through untouched.
   * The Response carries the logged call's id in `x-switchyard-call-id` (also Switchyard.callIdOf(response)).
   */
  wrapFetch(inner: typeof fetch = (input, init) => globalThis.fetch(input, init), defaults?: CallContext): typeof fetch {
    return shimFetch(this.host(defaults), inner);
  }

  /** `wrapFetch()` over the global fetch, made once. */
  get fetch(): typeof fetch {
    return (this.globalFetch ??= this.wrapFetch());
  }
  private globalFetch: typeof fetch | undefined;

  /** Labels a call (by Switchyard.callIdOf(response)) or a whole trace; sent in the background. */
  outcome(label: Outcome) {
    try {
      this.outcomes.enqueue(label);
    } catch {
      // never into the app
    }
  }

  /** The id Switchyard logged for a response (or stream) of a wrapped client. */
  static callIdOf(response: unknown): string | undefined {
    return response && typeof response === "object" ? callIds.get(response) : undefined;
  }

  /** The published policy version in use; undefined before one arrives. */
  get policyVersion(): number | undefined {
    return this.source?.current?.version;
  }

  /** Sends what is queued; resolves (never rejects) once sent or once the server proves unreachable. */
  async flush(): Promise<void> {
    await Promise.all([this.events.flush(), this.outcomes.flush()]);
  }

  /** Flushes and stops the policy stream. */
  async close(): Promise<void> {
    open.delete(this);
    this.source?.stop();
    await this.flush();
  }

  /**
   * Counters for monitoring the SDK itself (events): queued, delivered (stored or duplicates), dropped
   * (buffer full), rejected (refused by the server as invalid), and why delivery is paused, if it is.
   */
  stats() {
    const e = this.events;
    return { queued: e.pending, delivered: e.delivered, dropped: e.dropped, rejected: e.rejected, paused: e.paused };
  }
}
