// The fetch shim, for clients that take a custom fetch (the Vercel AI SDK's providers, LangChain's
// configuration.fetch, openai's own fetch option). A JSON POST to an OpenAI-compatible /chat/completions
// or /responses runs through calls.ts exactly as a wrapped client's call does; anything else passes
// straight through. The app gets a Response as the provider sent it: status, headers and body, with
// "auto" routed, the usage chunk it did not ask for left out, and the call's id in x-switchyard-call-id.
import { createParser } from "eventsource-parser";
import { planCall, run, type Hook } from "./calls";
import type { Api, Host, Loose } from "./events";

type Fetch = typeof fetch;

/** An answer the provider refused (or that was not JSON): escalated like an API error, then given back as it was. */
class Refused extends Error {
  constructor(
    readonly status: number,
    readonly response: Response,
  ) {
    super(`HTTP ${status}`);
  }
}

function apiOf(input: Parameters<Fetch>[0], init: RequestInit | undefined): Api | null {
  if (typeof init?.body !== "string" || (init.method ?? "GET").toUpperCase() !== "POST") return null;
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  const path = url.split(/[?#]/, 1)[0].replace(/\/+$/, "");
  if (path.endsWith("/chat/completions")) return "chat";
  if (path.endsWith("/responses")) return "responses";
  return null;
}

/** The provider's status and headers for a body we re-send: its length and encoding no longer apply. */
function head(res: Response, callId: string | undefined): ResponseInit {
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  if (callId) headers.set("x-switchyard-call-id", callId);
  return { status: res.status, statusText: res.statusText, headers };
}

/**
 * A plain answer handed back to the app. Its text was already read to log the call, so it is kept as a
 * string rather than re-streamed: a Response built on a string body costs ~9 µs more to make and read,
 * which was most of the shim's overhead on a plain call. `body` is made only if a client asks for it.
 */
class Answer extends Response {
  readonly #text: string;
  #body: Response["body"] | undefined;

  constructor(text: string, init: ResponseInit) {
    super(null, init);
    this.#text = text;
  }
  override get body() {
    return (this.#body ??= new Response(this.#text).body);
  }
  override async text() {
    return this.#text;
  }
  override async json() {
    return JSON.parse(this.#text);
  }
  override arrayBuffer() {
    return new Response(this.#text).arrayBuffer();
  }
  override blob() {
    return new Response(this.#text).blob();
  }
  override clone(): Response {
    return new Answer(this.#text, { status: this.status, statusText: this.statusText, headers: this.headers });
  }
}

/** What one attempt's answer was on the wire, kept beside its parsed form. */
type Wire = { response: Response; text?: string; sawDone?: boolean };

/** The provider's event stream as parsed chunks, each remembering the exact SSE frame it came in. */
function chunks(res: Response, wire: WeakMap<object, string>, state: Wire) {
  const queue: Loose[] = [];
  return {
    response: res,
    state,
    /** Chunks parsed and not yet read: the rest of what one network read brought. */
    buffered: () => queue.length,
    [Symbol.asyncIterator](): AsyncIterator<Loose> {
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      const parser = createParser({
        onEvent(e) {
          if (e.data === "[DONE]") {
            state.sawDone = true;
            return;
          }
          let chunk: Loose;
          try {
            chunk = JSON.parse(e.data);
          } catch {
            chunk = {};
          }
          if (!chunk || typeof chunk !== "object") chunk = {};
          wire.set(chunk, `${e.event ? `event: ${e.event}\n` : ""}data: ${e.data}\n\n`);
          queue.push(chunk);
        },
      });
      return {
        async next(): Promise<IteratorResult<Loose>> {
          while (queue.length === 0) {
            const { done, value } = await reader.read();
            if (done) return { done: true, value: undefined };
            parser.feed(decoder.decode(value, { stream: true }));
          }
          return { done: false, value: queue.shift()! };
        },
        async return(): Promise<IteratorResult<Loose>> {
          await reader.cancel().catch(() => undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The observed chunks as an SSE body again, frame for frame. */
function sseResponse(observed: () => AsyncIterator<Loose>, source: ReturnType<typeof chunks>, wire: WeakMap<object, string>, callId: string): Response {
  const encoder = new TextEncoder();
  const state = source.state as Wire;
  let it: AsyncIterator<Loose> | undefined;
  const body = new ReadableStream<Uint8Array>({
    // One enqueue per network read, not per event: the app's reader wakes once for what arrived together.
    async pull(controller) {
      it ??= observed();
      let out = "";
      for (;;) {
        const step = await it.next();
        if (step.done) {
          if (state.sawDone) out += "data: [DONE]\n\n";
          if (out) controller.enqueue(encoder.encode(out));
          controller.close();
          return;
        }
        out += wire.get(step.value) ?? `data: ${JSON.stringify(step.value)}\n\n`;
        if (source.buffered() === 0 && out) break;
      }
      controller.enqueue(encoder.encode(out));
    },
    async cancel() {
      // The app stopped reading: observe logs the call as aborted with what it had seen.
      it ??= observed();
      await it.return?.();
    },
  });
  return new Response(body, head(state.response, callId));
}

export function shimFetch(host: Host, inner: Fetch): Fetch {
  // Ids of served answers, so the Response can name its call (host.remember keeps callIdOf working).
  const ids = new WeakMap<object, string>();
  const local: Host = { ...host, remember: (o, id) => (host.remember(o, id), ids.set(o, id)) };
  return async function switchyardFetch(input, init) {
    const api = apiOf(input, init);
    let body: Loose;
    let plan: ReturnType<typeof planCall>;
    try {
      if (!api) return inner(input, init);
      body = JSON.parse(init!.body as string);
      if (!body || typeof body !== "object" || Array.isArray(body)) return inner(input, init);
      plan = planCall(local, api, body, undefined);
    } catch {
      return inner(input, init); // never break the app's call
    }
    const headers = new Headers(init!.headers);
    headers.delete("content-length");
    const wire = new WeakMap<object, string>();
    const answers = new WeakMap<object, Wire>();
    const hook: Hook = {
      async send(b, options) {
        // The app's own body when the attempt sends it unchanged (an explicit model, not a stream).
        const sent = b.model === body.model && b.stream !== true ? init!.body : JSON.stringify(b);
        const res = await inner(input, { ...init, headers, body: sent, signal: options.signal });
        if (!res.ok) throw new Refused(res.status, new Response(await res.text(), head(res, undefined)));
        if (b.stream === true) {
          return chunks(res, wire, { response: res });
        }
        const text = await res.text();
        let parsed: Loose;
        try {
          parsed = JSON.parse(text);
        } catch {
          throw new Refused(res.status, new Response(text, head(res, undefined)));
        }
        if (!parsed || typeof parsed !== "object") throw new Refused(res.status, new Response(text, head(res, undefined)));
        answers.set(parsed, { response: res, text });
        return parsed;
      },
      stream: (observed, source, callId) => sseResponse(observed, source as ReturnType<typeof chunks>, wire, callId),
    };
    let result: Loose;
    try {
      result = (await run(local, api, hook, body, { signal: init!.signal ?? undefined }, plan)) as Loose;
    } catch (err) {
      if (err instanceof Refused) return err.response;
      throw err;
    }
    if (result instanceof Response) return result;
    const answer = answers.get(result)!;
    const response = new Answer(answer.text!, head(answer.response, ids.get(result)));
    host.remember(response, ids.get(result) ?? plan.callId);
    return response;
  };
}
