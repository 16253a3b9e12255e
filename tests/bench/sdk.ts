// npm run bench:sdk: latency the SDK adds per call (wrapped vs bare openai client against the fake
// server with no delay, 10,000 calls each, plain and streaming, interleaved; then the same for a client
// whose fetch is sy.fetch), and RSS growth over 1M
// wrapped calls while the Switchyard backend is down (a canned-response fetch keeps that part fast).
import OpenAI from "openai";
import { Switchyard } from "@switchyard/sdk";
import { startFakeOpenAI } from "@/packages/fake-openai/src/server";

const met = (ok: boolean) => (ok ? "met" : "NOT met");

const N = Number(process.env.BENCH_CALLS ?? 10_000);
const MEMORY_CALLS = Number(process.env.BENCH_MEMORY_CALLS ?? 1_000_000);
const DOWN = "http://127.0.0.1:9"; // nothing listens: the backend is down for the whole run

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

async function timed(fn: () => Promise<unknown>) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function latency(stream: boolean, bare: OpenAI, wrapped: OpenAI, label = "wrap ") {
  const messages = [{ role: "user" as const, content: "Classify: where is my parcel?" }];
  const call = async (client: OpenAI) => {
    if (!stream) return client.chat.completions.create({ model: "gpt-5.4-mini", messages }, { switchyard: { taskType: "classify" } } as never);
    const s = await client.chat.completions.create({ model: "gpt-5.4-mini", messages, stream: true }, { switchyard: { taskType: "classify" } } as never);
    for await (const _ of s);
  };
  for (let i = 0; i < 500; i++) await call(bare), await call(wrapped); // warm-up
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < N; i++) {
    a.push(await timed(() => call(bare)));
    b.push(await timed(() => call(wrapped)));
  }
  const added = (q: number) => pct(b, q) - pct(a, q);
  console.log(`${label} ${stream ? "streaming" : "plain    "} bare p50 ${pct(a, 0.5).toFixed(3)} ms, wrapped p50 ${pct(b, 0.5).toFixed(3)} ms -> added p50 ${added(0.5).toFixed(3)} ms (target <= 0.05: ${met(added(0.5) <= 0.05)}), p99 ${added(0.99).toFixed(3)} ms (target <= 0.5: ${met(added(0.99) <= 0.5)})`);
}

async function memory() {
  const canned = JSON.stringify({
    id: "x", object: "chat.completion", created: 0, model: "gpt-5.4-mini",
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "ok" } }], usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
  });
  const fetchStub: typeof fetch = async () => new Response(canned, { headers: { "content-type": "application/json" } });
  const sy = new Switchyard({ apiKey: "k", baseUrl: DOWN, policy: false, onWarning: () => undefined });
  const client = sy.wrap(new OpenAI({ apiKey: "sk", baseURL: "http://fake.invalid/v1", fetch: fetchStub, maxRetries: 0 }));
  const messages = [{ role: "user" as const, content: "hi" }];
  for (let i = 0; i < 20_000; i++) await client.chat.completions.create({ model: "auto", messages });
  global.gc?.();
  const before = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  const t = performance.now();
  for (let i = 0; i < MEMORY_CALLS; i++) await client.chat.completions.create({ model: "auto", messages }, { switchyard: { taskType: "classify" } } as never);
  global.gc?.();
  const growth = (process.memoryUsage().rss - before) / 1e6;
  const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  console.log(`memory: ${MEMORY_CALLS.toLocaleString("en-US")} wrapped calls with the backend down in ${((performance.now() - t) / 1000).toFixed(0)} s; RSS growth ${growth.toFixed(1)} MB (target <= 50: ${met(growth <= 50)}), heap growth ${heapGrowth.toFixed(1)} MB; ${sy.stats().dropped.toLocaleString("en-US")} events dropped, ${sy.stats().queued} kept`);
  await sy.close();
}

async function main() {
  const fake = await startFakeOpenAI();
  const bare = new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0 });
  const sy = new Switchyard({ apiKey: "k", baseUrl: DOWN, policy: false, onWarning: () => undefined });
  const wrapped = sy.wrap(new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0 }));
  console.log(`sdk bench: ${N.toLocaleString("en-US")} calls per client against the fake OpenAI server on loopback (no delay)`);
  await latency(false, bare, wrapped);
  await latency(true, bare, wrapped);
  // The fetch shim: the same bare client against an unwrapped client whose fetch is sy.fetch.
  const shimmed = new OpenAI({ apiKey: "sk", baseURL: fake.url, maxRetries: 0, fetch: sy.fetch });
  await latency(false, bare, shimmed, "fetch");
  await latency(true, bare, shimmed, "fetch");
  await sy.close();
  await fake.close();
  await memory();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
