import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { Transport } from "./transport";

type Item = { id: number; poison?: boolean };

/** A server that fails with `status` on any batch holding a poisoned item and stores the rest. */
function server(status: number) {
  const stored: number[] = [];
  const requests: number[] = [];
  const fetchFn = (async (_url: string, init: RequestInit) => {
    const items = (JSON.parse(gunzipSync(init.body as Buffer).toString()) as { events: Item[] }).events;
    requests.push(items.length);
    if (items.some((i) => i.poison)) return new Response(JSON.stringify({ error: { code: "x", message: "cannot store" } }), { status });
    stored.push(...items.map((i) => i.id));
    return Response.json({ accepted: items.length, duplicates: 0, rejected: [] });
  }) as unknown as typeof fetch;
  return { stored, requests, fetchFn };
}

function transport(fetchFn: typeof fetch, warnings: string[] = []) {
  return new Transport<Item>({ url: "http://x/api/v1/ingest", apiKey: "k", field: "events", maxBuffer: 10_000, batchSize: 500, flushIntervalMs: 60_000, fetch: fetchFn, warn: (w) => warnings.push(w) });
}

describe("Transport", () => {
  it.each([400, 500])("isolates a poisoned item by halving batches the server answers %i, drops only it and counts it", async (status) => {
    const s = server(status);
    const warnings: string[] = [];
    const t = transport(s.fetchFn, warnings);
    for (let i = 0; i < 1000; i++) t.enqueue({ id: i, poison: i === 617 });
    for (let round = 0; round < 200 && t.pending > 0; round++) await t.flush();
    expect(t.pending).toBe(0);
    expect([t.delivered, t.rejected]).toEqual([999, 1]);
    expect(s.stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i !== 617));
    expect(warnings).toHaveLength(1);
    expect(s.requests.length).toBeLessThan(status === 500 ? 100 : 40); // logarithmic, not one request per item
  }, 60_000);

  it("keeps retrying a batch the server cannot take for now (503), never dropping it", async () => {
    let up = false;
    const fetchFn = (async () => (up ? Response.json({ accepted: 1, duplicates: 0, rejected: [] }) : new Response("{}", { status: 503, headers: { "retry-after": "0" } }))) as unknown as typeof fetch;
    const t = transport(fetchFn);
    t.enqueue({ id: 1 });
    for (let i = 0; i < 10; i++) await t.flush();
    expect([t.pending, t.delivered, t.rejected]).toEqual([1, 0, 0]);
    up = true;
    await t.flush();
    expect([t.pending, t.delivered, t.rejected]).toEqual([0, 1, 0]);
  });
});

describe("Transport on a wrong URL", () => {
  it("pauses instead of dropping events when the URL has no ingest endpoint (404)", async () => {
    const warnings: string[] = [];
    const fetchFn = (async () => new Response("<html>not here</html>", { status: 404 })) as unknown as typeof fetch;
    const t = transport(fetchFn, warnings);
    for (let i = 0; i < 5; i++) t.enqueue({ id: i });
    await t.flush();
    await t.flush();
    expect([t.pending, t.delivered, t.rejected]).toEqual([5, 0, 0]);
    expect(t.paused).toMatch(/answered 404: check baseUrl/);
    expect(warnings).toHaveLength(1);
  });
  it("sends a full batch at once, not when the flush interval already scheduled comes round", async () => {
    const s = server(400);
    const t = transport(s.fetchFn); // flush interval 60 s, batches of 500
    t.enqueue({ id: 0 }); // schedules a send in 60 s
    for (let i = 1; i < 500; i++) t.enqueue({ id: i });
    const start = Date.now();
    while (t.delivered < 500 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(t.delivered).toBe(500);
  });
});
