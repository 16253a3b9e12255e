// npm run bench:otlp: the built server on PostgreSQL, driven by concurrent clients posting OTLP/HTTP protobuf
// exports of 512 spans (the OpenTelemetry batch processor's default batch) for BENCH_SECONDS (20): 4 of
// every 5 spans are LLM calls with GenAI attributes, the rest tool spans. Prints LLM spans stored per second
// against the target (>= 10,000).
import crypto from "node:crypto";
import os from "node:os";
import { ExportRequest } from "@/lib/otlp/proto";
import { databaseUrl as dbUrl, sql as admin, startServer, stopServer } from "./server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const SPANS = 512;
const PORT = 3903;
const KEY = "bench-otlp-key-00000000000001";
const DB = `switchyard_bench_otlp_${Date.now()}`;
const MODELS = ["gpt-5.4-mini", "gpt-5.4-nano"];
const TASKS = ["classify", "extract", "summarize", "tool_agent"];

const str = (key: string, v: string) => ({ key, value: { stringValue: v } });
const int = (key: string, v: number) => ({ key, value: { intValue: v } });

/** One export: 512 spans of ~100 agent runs, each run its own trace, every span id fresh. */
function exportBody(): { body: Uint8Array; calls: number } {
  const now = BigInt(Date.now() - 60_000) * 1_000_000n;
  let calls = 0;
  const spans = Array.from({ length: SPANS }, (_, i) => {
    const start = now + BigInt(i) * 50_000_000n;
    const llm = i % 5 !== 4;
    if (llm) calls += 1;
    return {
      traceId: crypto.randomBytes(16), spanId: crypto.randomBytes(8), name: llm ? "chat" : "execute_tool lookup", kind: llm ? 3 : 1,
      startTimeUnixNano: start.toString(), endTimeUnixNano: (start + BigInt(200 + (i % 7) * 150) * 1_000_000n).toString(),
      attributes: llm
        ? [str("gen_ai.operation.name", "chat"), str("gen_ai.provider.name", "openai"), str("gen_ai.request.model", MODELS[i % 2]),
           int("gen_ai.usage.input_tokens", 300 + (i % 50) * 40), int("gen_ai.usage.output_tokens", 20 + (i % 30) * 5), str("switchyard.task_type", TASKS[i % 4])]
        : [str("gen_ai.operation.name", "execute_tool"), str("gen_ai.tool.name", "lookup")],
    };
  });
  const message = ExportRequest.fromObject({ resourceSpans: [{ resource: { attributes: [str("service.name", "bench")] }, scopeSpans: [{ scope: { name: "bench" }, spans }] }] });
  return { body: ExportRequest.encode(message).finish(), calls };
}

async function main() {
  await admin(`CREATE DATABASE "${DB}"`);
  const server = await startServer(PORT, {
    DATABASE_URL: dbUrl(DB), SWITCHYARD_INGEST_RATE_LIMIT: "10000000", SWITCHYARD_INIT_EMAIL: "bench@example.test",
    SWITCHYARD_INIT_PASSWORD: "bench-password-1", SWITCHYARD_INIT_TEAM: "Bench", SWITCHYARD_INIT_INGEST_KEY: KEY,
  });
  try {
    // Bodies are made before the clock starts: encoding them would take the server's CPU on this box.
    const bodies = Array.from({ length: Math.ceil((SECONDS * 40_000) / SPANS) }, exportBody);
    console.log(`otlp bench: ${CLIENTS} clients × ${SPANS}-span protobuf exports (${bodies[0].calls} LLM calls each) for ${SECONDS} s against the built server on PostgreSQL (${os.cpus().length} cores shared)`);
    let next = 0, calls = 0;
    const latencies: number[] = [];
    const end = Date.now() + SECONDS * 1000;
    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (Date.now() < end && next < bodies.length) {
        const { body, calls: n } = bodies[next++];
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/otlp/v1/traces`, {
          method: "POST", body: new Uint8Array(body), headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-protobuf" },
        });
        const answer = new Uint8Array(await res.arrayBuffer());
        if (!res.ok || answer.byteLength > 0) throw new Error(`export answered ${res.status} with ${answer.byteLength} bytes (a partial success?)`);
        latencies.push(performance.now() - t);
        calls += n;
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    const [stored] = await admin(`SELECT count(*)::int8 AS n FROM "Call"`, dbUrl(DB));
    if (Number(stored.n) !== calls) throw new Error(`${calls} LLM spans sent, ${stored.n} calls stored`);
    latencies.sort((a, b) => a - b);
    const rate = calls / seconds;
    console.log(`LLM spans stored/s ${rate.toFixed(0).padStart(14)}   target >= 10000 ${rate >= 10_000 ? "(met)" : "(NOT met)"}`);
    console.log(`request p50 / p99 ms: ${latencies[Math.floor(latencies.length / 2)].toFixed(0)} / ${latencies[Math.floor(latencies.length * 0.99)].toFixed(0)}; ${latencies.length} exports, ${calls} calls stored`);
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 1000));
    await admin(`DROP DATABASE IF EXISTS "${DB}" WITH (FORCE)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
