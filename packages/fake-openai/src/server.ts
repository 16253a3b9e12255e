// An OpenAI-compatible HTTP server on loopback for tests, benchmarks and demos. Each request's behaviour
// comes from `behave(body, api)`: a normal answer, a 500, a 429, malformed JSON, JSON that breaks the
// requested schema, or tool-call arguments that break the tool's parameters; plus a delay. A behaviour
// may also set the answer's text and the token counts reported (else they follow the text's length).
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour = {
  kind?: "ok" | "error" | "rate_limit" | "malformed" | "schema_mismatch" | "bad_tool_args";
  delayMs?: number;
  /** Delay before the first streamed chunk (time to first token). */
  ttftMs?: number;
  /** Delay between streamed chat content chunks (a slow generation the app may abort). */
  chunkDelayMs?: number;
  /** The answer's text, in place of the default (tool calls are still made when tools are offered). */
  text?: string;
  /** Token counts to report, in place of ones computed from the text's length. */
  usage?: { input?: number; output?: number };
  /** false: answer in text even when tools are offered (the turn after a tool result). */
  toolCalls?: boolean;
};

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type FakeOpenAI = {
  url: string;
  /** Every request body received, in order, with its headers (names in lower case). */
  requests: { api: "chat" | "responses"; body: Body; headers: http.IncomingHttpHeaders }[];
  behave: (body: Body, api: "chat" | "responses") => Behaviour;
  close(): Promise<void>;
};

const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function answerFor(body: Body, api: "chat" | "responses", kind: Behaviour["kind"], toolCalls = true) {
  const format = api === "chat" ? body.response_format : body.text?.format;
  const tools: Body[] = body.tools ?? [];
  if (tools.length && body.tool_choice !== "none" && toolCalls) {
    const name = tools[0].function?.name ?? tools[0].name;
    const args = kind === "bad_tool_args" ? '{"order_id": ' : JSON.stringify({ order_id: "A-1001" });
    return { text: null as string | null, calls: [{ name, arguments: args }] };
  }
  if (format?.type === "json_object" || format?.type === "json_schema") {
    const text = kind === "malformed" ? '{"answer": "unterminated' : kind === "schema_mismatch" ? '{"unexpected": true}' : '{"answer":"ok","confidence":0.9}';
    return { text, calls: [] };
  }
  const prompt = JSON.stringify(api === "chat" ? body.messages?.at(-1)?.content ?? "" : body.input ?? "");
  return { text: `Fake answer to ${prompt.slice(0, 60)}`, calls: [] as { name: string; arguments: string }[] };
}

type Answer = ReturnType<typeof answerFor> & { usage?: Behaviour["usage"] };

function chatCompletion(body: Body, answer: Answer) {
  const prompt = answer.usage?.input ?? tokens(JSON.stringify(body.messages ?? ""));
  const completion = answer.usage?.output ?? tokens(answer.text ?? JSON.stringify(answer.calls));
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model: body.model,
    choices: [{
      index: 0, finish_reason: answer.calls.length ? "tool_calls" : "stop", logprobs: null,
      message: {
        role: "assistant", content: answer.text, refusal: null,
        ...(answer.calls.length ? { tool_calls: answer.calls.map((c, i) => ({ id: `call_${i}`, type: "function", function: c })) } : {}),
      },
    }],
    usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, prompt_tokens_details: { cached_tokens: 0 } },
  };
}

async function streamChat(res: http.ServerResponse, body: Body, answer: Answer, ttftMs: number, chunkDelayMs = 0) {
  const full = chatCompletion(body, answer);
  const base = { id: full.id, object: "chat.completion.chunk", created: full.created, model: body.model };
  res.writeHead(200, { "content-type": "text/event-stream" });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  await sleep(ttftMs);
  send({ ...base, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] });
  const text = answer.text ?? "";
  for (let i = 0; i < text.length; i += 12) {
    if (res.destroyed) return;
    send({ ...base, choices: [{ index: 0, delta: { content: text.slice(i, i + 12) }, finish_reason: null }] });
    if (chunkDelayMs) await sleep(chunkDelayMs);
  }
  answer.calls.forEach((c, index) =>
    send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: `call_${index}`, type: "function", function: { name: c.name, arguments: c.arguments } }] }, finish_reason: null }] }),
  );
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: full.choices[0].finish_reason }] });
  if (body.stream_options?.include_usage) send({ ...base, choices: [], usage: full.usage });
  res.end("data: [DONE]\n\n");
}

function response(body: Body, answer: Answer) {
  const input = answer.usage?.input ?? tokens(JSON.stringify(body.input ?? ""));
  const output = answer.usage?.output ?? tokens(answer.text ?? JSON.stringify(answer.calls));
  return {
    id: `resp_${Math.random().toString(36).slice(2)}`, object: "response", created_at: Math.floor(Date.now() / 1000), status: "completed", model: body.model,
    output: [
      ...(answer.text !== null ? [{ id: "msg_1", type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: answer.text, annotations: [] }] }] : []),
      ...answer.calls.map((c, i) => ({ id: `fc_${i}`, type: "function_call", call_id: `call_${i}`, name: c.name, arguments: c.arguments, status: "completed" })),
    ],
    usage: { input_tokens: input, output_tokens: output, total_tokens: input + output, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
  };
}

async function streamResponse(res: http.ServerResponse, body: Body, answer: Answer, ttftMs: number) {
  const full = response(body, answer);
  res.writeHead(200, { "content-type": "text/event-stream" });
  let sequence = 0;
  const send = (data: Record<string, unknown>) => res.write(`event: ${data.type}\ndata: ${JSON.stringify({ ...data, sequence_number: sequence++ })}\n\n`);
  await sleep(ttftMs);
  send({ type: "response.created", response: { ...full, status: "in_progress", output: [], usage: null } });
  // Each output item as the API streams it: added, its parts or arguments in deltas, done.
  full.output.forEach((item, output_index) => {
    if (item.type === "message") {
      const text = answer.text ?? "";
      send({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", content: [] } });
      send({ type: "response.content_part.added", item_id: item.id, output_index, content_index: 0, part: { type: "output_text", text: "", annotations: [] } });
      for (let i = 0; i < text.length; i += 12) send({ type: "response.output_text.delta", item_id: item.id, output_index, content_index: 0, delta: text.slice(i, i + 12) });
      send({ type: "response.output_text.done", item_id: item.id, output_index, content_index: 0, text });
      send({ type: "response.content_part.done", item_id: item.id, output_index, content_index: 0, part: { type: "output_text", text, annotations: [] } });
    } else {
      const args = String((item as { arguments?: string }).arguments ?? "");
      send({ type: "response.output_item.added", output_index, item: { ...item, status: "in_progress", arguments: "" } });
      send({ type: "response.function_call_arguments.delta", item_id: item.id, output_index, delta: args });
      send({ type: "response.function_call_arguments.done", item_id: item.id, output_index, arguments: args });
    }
    send({ type: "response.output_item.done", output_index, item });
  });
  send({ type: "response.completed", response: full });
  res.end();
}

export async function startFakeOpenAI(options: { port?: number; behave?: FakeOpenAI["behave"] } = {}): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = { url: "", requests: [], behave: options.behave ?? (() => ({})), close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const api = req.url?.endsWith("/chat/completions") ? "chat" : req.url?.endsWith("/responses") ? "responses" : null;
      if (req.method !== "POST" || !api) {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      fake.requests.push({ api, body, headers: req.headers });
      const b = fake.behave(body, api);
      await sleep(b.delayMs ?? 0);
      if (b.kind === "error") return void res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "fake server error", type: "server_error" } }));
      if (b.kind === "rate_limit") {
        return void res.writeHead(429, { "content-type": "application/json", "retry-after": "0" }).end(JSON.stringify({ error: { message: "rate limited", type: "rate_limit_error" } }));
      }
      const made = answerFor(body, api, b.kind, b.toolCalls);
      const answer: Answer = { ...made, text: b.text ?? made.text, usage: b.usage };
      if (api === "chat" && body.stream) return void (await streamChat(res, body, answer, b.ttftMs ?? 0, b.chunkDelayMs));
      if (api === "responses" && body.stream) return void (await streamResponse(res, body, answer, b.ttftMs ?? 0));
      res.writeHead(200, { "content-type": "application/json", "x-request-id": `req_fake_${fake.requests.length}` }).end(JSON.stringify(api === "chat" ? chatCompletion(body, answer) : response(body, answer)));
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return fake;
}
