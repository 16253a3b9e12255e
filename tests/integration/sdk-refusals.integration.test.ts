// What the SDK does when the server refuses what it sends: one bad value never stops logging, refused
// events are counted (never as delivered), and a revoked key pauses delivery with one warning.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeApiKey } from "@/lib/api-keys/mutations";
import { calls, msgs, useSdkHarness } from "@/tests/support/sdk-harness";

const h = useSdkHarness();

const ask = (openai: ReturnType<typeof h.client>["openai"], options: object = {}) =>
  openai.chat.completions.create({ model: "gpt-5.4-mini", messages: msgs }, { switchyard: { taskType: "classify", ...options } } as never);

describe("refusals", () => {
  it("poison: one unstorable identifier and one unstorable metadata value among 2,000 calls; every good call is stored", async () => {
    const { seq, ingest } = await h.setup();
    const { sy, openai } = h.client(ingest.secret, { policy: false });
    for (let i = 0; i < 2000; i++) {
      await ask(openai, i === 700 ? { traceId: "run\udc00" } : i === 1400 ? { metadata: { customer: "ACME\u0000Corp" } } : { traceId: `run-${i % 97}` });
    }
    await sy.flush();
    expect(sy.stats()).toMatchObject({ queued: 0, delivered: 1999, rejected: 1, dropped: 0 });
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(1999);
  }, 60_000);

  it("stores a call whose metadata holds NUL (cleaned) and every call after it", async () => {
    const { seq, ingest } = await h.setup();
    const { sy, openai } = h.client(ingest.secret, { policy: false });
    await ask(openai, { metadata: { customer: "ACME\u0000Corp" } });
    for (let i = 0; i < 50; i++) await ask(openai);
    await sy.flush();
    expect(sy.stats()).toMatchObject({ queued: 0, delivered: 51, rejected: 0 });
    const stored = await calls(seq);
    expect(stored).toHaveLength(51);
    expect(stored.filter((c) => c.metadata).map((c) => c.metadata)).toEqual([{ customer: "ACME\ufffdCorp" }]);
  });

  it("counts events the server rejects one by one, and delivers the rest", async () => {
    const warnings: string[] = [];
    const { seq, ingest } = await h.setup();
    const { sy, openai } = h.client(ingest.secret, { policy: false, onWarning: (w) => warnings.push(w) });
    for (let i = 0; i < 10; i++) await ask(openai, i === 3 ? { traceId: "run\u0000x" } : i === 7 ? { taskType: "not a task type" } : {});
    await sy.flush();
    expect(sy.stats()).toMatchObject({ queued: 0, delivered: 8, rejected: 2 });
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(8);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/traceId: must not contain the NUL character/);
  });

  it("splits a batch the server refuses whole (413) until the oversized event is alone, and drops only it", async () => {
    const warnings: string[] = [];
    const { seq, ingest } = await h.setup();
    const { sy, openai } = h.client(ingest.secret, { policy: false, flushIntervalMs: 10_000, onWarning: (w) => warnings.push(w) });
    const huge = Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`k${i}`, "x".repeat(10_000)])); // ~7 MB alone
    for (let i = 0; i < 20; i++) await ask(openai, i === 11 ? { metadata: huge } : {});
    await sy.flush();
    expect(sy.stats()).toMatchObject({ queued: 0, delivered: 19, rejected: 1 });
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(19);
    expect(warnings.join()).toMatch(/413/);
  });

  it("pauses delivery on a revoked key with one warning, without counting anything as delivered", async () => {
    const warnings: string[] = [];
    const { team, user, seq, ingest } = await h.setup();
    const { sy, openai } = h.client(ingest.secret, { policy: false, onWarning: (w) => warnings.push(w) });
    await ask(openai);
    await sy.flush();
    await revokeApiKey(team.id, user.id, ingest.id);
    for (let i = 0; i < 3; i++) await ask(openai);
    await sy.flush();
    await sy.flush();
    expect(sy.stats()).toMatchObject({ queued: 3, delivered: 1, rejected: 0, dropped: 0 });
    expect(sy.stats().paused).toMatch(/revoked/);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/refused the API key/);
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(1);
  });
});
