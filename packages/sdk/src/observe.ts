// Watches a stream on its way to the app: TTFT, text and tool calls, usage; logs the attempt when the
// stream ends, fails or is stopped by the app.
import { estimateTokens } from "./checks";
import type { Plan } from "./calls";
import { errorType, finishedEvent, judge, outputText, readResponse, contentOf, safeLog, type Api, type Host, type Loose, type WireEvent } from "./events";

/**
 * Passes every chunk through unchanged, except a chat usage-only chunk the app did not ask for. A plain
 * iterator object rather than an async generator: this sits on every chunk of every stream.
 */
export function observe(host: Host, api: Api, stream: AsyncIterable<Loose>, body: Loose, plan: Plan, base: WireEvent, t0: number, wantsUsage: boolean, signal?: AbortSignal): AsyncIterator<Loose> {
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
