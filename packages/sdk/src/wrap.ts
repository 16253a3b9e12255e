// Instruments an openai client's create methods (chat.completions and responses, plain and stream): the
// call itself runs through calls.ts; this file is the openai-specific part, its APIPromise surface and
// its Stream. Instrumentation errors never reach the app.
import { Stream } from "openai/core/streaming";
import { planCall, run, type Hook, type Holder } from "./calls";
import type { Api, CallOptions, Host, Loose } from "./events";

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

  /** openai 7's helpers read the request's options from the props (responses.parse its text format). */
  _thenUnwrap<U>(transform: (data: T, props: unknown) => U): CallPromise<U> {
    return CallPromise.of(this.then(async (data) => transform(data, await this.props())), this.holder);
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

  /** The served attempt's response props (response, options...), from openai's APIPromise. */
  private async props(): Promise<unknown> {
    const served = this.holder.served as { responsePromise?: Promise<unknown> } | undefined;
    return (await served?.responsePromise) ?? { options: {} };
  }

  private async rawResponse(): Promise<Response> {
    const served = this.holder.served as { asResponse?: () => Promise<Response> } | undefined;
    if (typeof served?.asResponse !== "function") throw new Error("This client's responses carry no Response object.");
    return served.asResponse();
  }
}


export function instrument(host: Host, api: Api, original: (body: Loose, options?: Loose) => Promise<Loose>) {
  return function create(this: unknown, body: Loose, options?: Loose): Promise<unknown> {
    let plan: ReturnType<typeof planCall>;
    const { switchyard, ...rest } = options ?? {};
    try {
      plan = planCall(host, api, body, switchyard as CallOptions | undefined);
    } catch {
      return original.call(this, body, options && "switchyard" in options ? rest : options); // never break the app's call
    }
    const hook: Hook = { send: original.bind(this), stream: (observed, source) => new Stream(observed, source.controller) };
    return CallPromise.of(run(host, api, hook, body, rest, plan), plan.holder);
  };
}
