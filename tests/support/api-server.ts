// Serves Switchyard's own /api/v1 route handlers over HTTP on loopback, on the test's database, so the
// SDK can be tested against the real API without building the Next.js app. Same handlers, same code.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as ingest } from "@/app/api/v1/ingest/route";
import { POST as otlpTraces } from "@/app/api/v1/otlp/v1/traces/route";
import { POST as outcomes } from "@/app/api/v1/outcomes/route";
import { GET as getPolicy, PUT as putPolicy } from "@/app/api/v1/policy/route";
import { POST as rollback } from "@/app/api/v1/policy/rollback/route";
import { GET as stream } from "@/app/api/v1/policy/stream/route";

type Handler = (request: Request) => Promise<Response>;
const ROUTES: Record<string, Handler> = {
  "POST /api/v1/ingest": ingest,
  "POST /api/v1/outcomes": outcomes,
  "POST /api/v1/otlp/v1/traces": otlpTraces,
  "GET /api/v1/policy": getPolicy,
  "PUT /api/v1/policy": putPolicy,
  "POST /api/v1/policy/rollback": rollback,
  "GET /api/v1/policy/stream": stream,
};

export type ApiServer = { url: string; port: number; close(): Promise<void> };

export async function startApiServer(port = 0): Promise<ApiServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const handler = ROUTES[`${req.method} ${path}`];
      if (!handler) return void res.writeHead(404).end();
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body, signal: abort.signal }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (!response.body) return void res.end();
      const reader = response.body.getReader();
      abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined));
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) break;
        res.write(value);
      }
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
