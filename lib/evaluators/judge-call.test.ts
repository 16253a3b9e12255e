import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendJudgeRequest } from "@/lib/evaluators/judge-call";

// A judge that answers by path: /<status>/... with that status, /slow waits, /ok answers a verdict.
let server: http.Server;
let base: string;
const seen: http.IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.headers);
    const [, what] = req.url!.split("/");
    if (what === "slow") return void setTimeout(() => res.end("{}"), 2000);
    if (what === "ok") {
      return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        choices: [{ message: { content: '{"verdict":"fail","reason":"too vague"}' } }], usage: { prompt_tokens: 12, completion_tokens: 3 },
      }));
    }
    if (what === "prose") return void res.writeHead(200).end("<html>hello</html>");
    const status = Number(what);
    res.writeHead(status, status === 302 ? { location: "https://elsewhere.example/v1" } : { "content-type": "application/json" })
      .end(JSON.stringify({ error: { message: `error ${status}\nwith detail` } }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const send = (path: string, timeoutMs?: number) => sendJudgeRequest({ url: `${base}/${path}`, headers: { Authorization: "Bearer k" }, body: "{}" }, timeoutMs);

describe("sending a judge request", () => {
  it("reads a verdict with its token counts", async () => {
    expect(await send("ok/chat/completions")).toEqual({ ok: true, result: { verdict: "fail", reason: "too vague", inputTokens: 12, outputTokens: 3 } });
    expect(seen.at(-1)!.authorization).toBe("Bearer k");
  });

  it("calls the judge unavailable (retry later) when nothing answers, it times out, is overloaded or refuses the configuration", async () => {
    for (const status of [500, 503, 429, 408, 401, 403, 404]) {
      expect(await send(`${status}/x`), String(status)).toEqual({ ok: false, unavailable: `judge answered HTTP ${status}: error ${status} with detail` });
    }
    expect(await send("302/x")).toEqual({ ok: false, unavailable: expect.stringMatching(/HTTP 302 \(a redirect to https:\/\/elsewhere\.example\/v1\); set baseUrl/) });
    expect(await send("slow/x", 100)).toEqual({ ok: false, unavailable: expect.stringMatching(/unreachable: did not answer within 0\.1 s$/) });
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await sendJudgeRequest({ url: `http://127.0.0.1:${port}/v1/chat/completions`, headers: {}, body: "{}" }))
      .toEqual({ ok: false, unavailable: `judge at 127.0.0.1:${port} unreachable: connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it("calls one answer unusable (no score, go on) for another 4xx or an answer that is not a verdict", async () => {
    expect(await send("400/x")).toEqual({ ok: true, result: { verdict: null, reason: "judge refused this call: HTTP 400: error 400 with detail", inputTokens: null, outputTokens: null } });
    expect(await send("prose/x")).toEqual({ ok: true, result: expect.objectContaining({ verdict: null, reason: "judge answer is not JSON" }) });
  });
});
