import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { POST as ingestRoute } from "@/app/api/v1/ingest/route";
import { db, sqlTransaction } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { ingestEvents } from "@/lib/ingest/mutations";
import { takeRequest } from "@/lib/ingest/rate-limit";
import { arrayLiteral, copyText } from "@/lib/ingest/sql";
import { apiRequest, makeEvent, makeKey, makeOwner } from "@/tests/factories";

async function teamWithKey() {
  const owner = await makeOwner();
  const key = await makeKey(owner.team.id, "ingest");
  return { ...owner, key };
}

function post(secret: string, body: BodyInit, headers: Record<string, string> = {}) {
  return ingestRoute(apiRequest("/api/v1/ingest", secret, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }));
}

const storedIds = async (seq: number) =>
  (await db().call.findMany({ where: { teamSeq: seq }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);

const seqOf = async (teamId: string) => (await db().team.findUniqueOrThrow({ where: { id: teamId } })).seq;

afterEach(() => {
  delete process.env.SWITCHYARD_INGEST_RATE_LIMIT;
  resetEnvForTests();
});

describe("POST /api/v1/ingest", () => {
  it("stores the valid events of a mixed batch and names the field of each rejected one", async () => {
    const { team, key } = await teamWithKey();
    const good = makeEvent({ id: "good-1", timestamp: 1763633700000 });
    const res = await post(key.secret, JSON.stringify({
      events: [good, makeEvent({ id: "bad-1", inputTokens: -5 }), makeEvent({ id: "bad-2", ttftMs: 2000, latencyMs: 1000 }), { nothing: true }],
    }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.accepted).toBe(1);
    expect(body.duplicates).toBe(0);
    expect(body.rejected).toEqual([
      { index: 1, id: "bad-1", errors: [{ path: "inputTokens", message: "must be >= 0" }] },
      { index: 2, id: "bad-2", errors: [{ path: "ttftMs", message: "must be <= latencyMs" }] },
      { index: 3, errors: expect.arrayContaining([{ path: "id", message: expect.any(String) }, { path: "taskType", message: expect.any(String) }]) },
    ]);
    expect(await storedIds(await seqOf(team.id))).toEqual(["good-1"]);
    const call = await db().call.findFirstOrThrow({ where: { id: "good-1" } });
    expect(call.ts.toISOString()).toBe("2025-11-20T10:15:00.000Z");
    expect(call.costNanos).toBe(800n * 400n + 200n * 1600n); // gpt-5.4-mini from the default catalog
  });

  it("treats a stored id as a duplicate, within and across batches, and never changes the stored event", async () => {
    const { team } = await teamWithKey();
    const first = await ingestEvents(team.id, [makeEvent({ id: "dup", outputTokens: 10 }), makeEvent({ id: "dup", outputTokens: 99 })]);
    expect(first).toMatchObject({ accepted: 1, duplicates: 1 });
    const second = await ingestEvents(team.id, [makeEvent({ id: "dup", outputTokens: 500 }), makeEvent({ id: "other" })]);
    expect(second).toMatchObject({ accepted: 1, duplicates: 1 });
    // Calls are stored by day: the same id at another time, in another day's partition, is still a duplicate.
    const third = await ingestEvents(team.id, [makeEvent({ id: "dup", timestamp: "2026-10-02T08:00:00Z" })]);
    expect(third).toMatchObject({ accepted: 0, duplicates: 1 });
    expect((await db().call.findFirstOrThrow({ where: { id: "dup" } })).outputTokens).toBe(10);
    const rollup = await db().callRollup.aggregate({ where: { teamSeq: await seqOf(team.id) }, _sum: { calls: true } });
    expect(rollup._sum.calls).toBe(2n);
  });

  it("stores two identical batches that arrive at the same moment once", async () => {
    const { team } = await teamWithKey();
    const events = Array.from({ length: 50 }, (_, i) => makeEvent({ id: `same-${i}` }));
    const [a, b] = await Promise.all([ingestEvents(team.id, events), ingestEvents(team.id, events)]);
    expect(a.accepted + b.accepted).toBe(50);
    expect(a.duplicates + b.duplicates).toBe(50);
    const seq = await seqOf(team.id);
    expect(await db().call.count({ where: { teamSeq: seq } })).toBe(50);
    const rollup = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { calls: true, inputTokens: true } });
    expect(rollup._sum).toEqual({ calls: 50n, inputTokens: 50n * 800n });
  });

  it("stores concurrent batches with overlapping ids once each, with rollups equal to the stored calls", async () => {
    const { team } = await teamWithKey();
    await ingestEvents(team.id, [makeEvent({ id: "c-5", inputTokens: 1 })]);
    // Six batches at once: batch b holds ids 10b..10b+19, so each shares ten ids with the next.
    const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 20 }, (_, i) => makeEvent({ id: `c-${10 * b + i}`, inputTokens: 100 + 10 * b + i })));
    const results = await Promise.all(batches.map((events) => ingestEvents(team.id, events)));
    for (const r of results) expect(r.accepted + r.duplicates).toBe(20);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(70 - 1);
    const seq = await seqOf(team.id);
    expect((await storedIds(seq)).length).toBe(70);
    const [raw] = await db().$queryRaw<{ calls: bigint; input: bigint }[]>`SELECT count(*)::int8 AS calls, sum("inputTokens")::int8 AS input FROM "Call" WHERE "teamSeq" = ${seq}`;
    const rollup = await db().callRollup.aggregate({ where: { teamSeq: seq }, _sum: { calls: true, inputTokens: true } });
    const day = await db().callRollupDay.aggregate({ where: { teamSeq: seq }, _sum: { calls: true, inputTokens: true } });
    expect(rollup._sum).toEqual({ calls: raw.calls, inputTokens: raw.input });
    expect(day._sum).toEqual({ calls: raw.calls, inputTokens: raw.input });
  });

  it("accepts gzip bodies", async () => {
    const { key } = await teamWithKey();
    const res = await post(key.secret, gzipSync(JSON.stringify({ events: [makeEvent()] })), { "content-encoding": "gzip" });
    expect(await res.json()).toMatchObject({ accepted: 1 });
  });

  it("answers 413 above 1000 events or 5 MiB and 400 for bodies that are not a batch, storing nothing", async () => {
    const { team, key } = await teamWithKey();
    const many = await post(key.secret, JSON.stringify({ events: Array.from({ length: 1001 }, () => makeEvent()) }));
    expect(many.status).toBe(413);
    const huge = await post(key.secret, JSON.stringify({ events: [makeEvent({ input: "x".repeat(5.5 * 1024 * 1024) })] }));
    expect(huge.status).toBe(413);
    for (const body of ["{oops", JSON.stringify({ events: [] }), JSON.stringify({ calls: [] }), JSON.stringify([makeEvent()])]) {
      const res = await post(key.secret, body);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toMatch(/invalid_json|validation_error/);
    }
    expect(await storedIds(await seqOf(team.id))).toEqual([]);
  });

  it("answers 429 with Retry-After once a key exceeds its rate", async () => {
    process.env.SWITCHYARD_INGEST_RATE_LIMIT = "6"; // 0.1 request/s, a burst of 1
    resetEnvForTests();
    const { key } = await teamWithKey();
    expect((await post(key.secret, JSON.stringify({ events: [makeEvent()] }))).status).toBe(200);
    const limited = await post(key.secret, JSON.stringify({ events: [makeEvent()] }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });

  it("shares a key's bucket between concurrent requests (as between server instances): exactly the burst gets through", async () => {
    process.env.SWITCHYARD_INGEST_RATE_LIMIT = "60"; // 1 request/s, a burst of 10
    resetEnvForTests();
    const { key } = await teamWithKey();
    const results = await Promise.allSettled(Array.from({ length: 25 }, () => takeRequest(key.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(await db().rateBucket.findUniqueOrThrow({ where: { keyId: key.id } })).toMatchObject({ allowed: false });
  });

  it("keeps content only for teams that enabled capture, cut to 32 KiB", async () => {
    const { team } = await teamWithKey();
    await ingestEvents(team.id, [makeEvent({ id: "no-capture", input: "secret prompt" })]);
    await db().team.update({ where: { id: team.id }, data: { captureContent: true } });
    await ingestEvents(team.id, [makeEvent({ id: "captured", input: "é".repeat(20_000), output: { answer: 42 } })]);
    const rows = await db().callContent.findMany({ where: { teamSeq: await seqOf(team.id) } });
    expect(rows.map((r) => r.callId)).toEqual(["captured"]);
    expect(Buffer.byteLength(rows[0].input!, "utf8")).toBe(32 * 1024);
    expect(rows[0].output).toBe('{"answer":42}');
  });
});

describe("arrayLiteral and copyText (how ingest sends rows)", () => {
  const text = fc.string({ maxLength: 12, unit: fc.constantFrom('"', "\\", ",", "{", "}", " ", "a", "NULL", "\\N", "\\.", "é", "😀", "'", "\n", "\r", "\t") });
  const roundTrip = (type: string, values: unknown[]) =>
    sqlTransaction(async (sql) => (await sql.query<{ v: unknown[] }>(`SELECT $1::${type}[] AS v`, [arrayLiteral(values)]))[0].v);

  it("reads back the same text, numbers, bigints, booleans and NULLs through the database's own array parser", async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.option(text), { maxLength: 8 }), async (values) => {
      expect(await roundTrip("text", values)).toEqual(values);
    }), { numRuns: 150 });
    await fc.assert(fc.asyncProperty(fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 8 }), async (values) => {
      expect((await roundTrip("float8", values)).map((v) => (v === null ? null : Number(v)))).toEqual(values.map((v) => (Object.is(v, -0) ? 0 : v)));
    }), { numRuns: 100 });
    const bigints = [0n, -1n, 9_223_372_036_854_775_807n, null];
    expect((await roundTrip("int8", bigints)).map((v) => (v === null ? null : BigInt(v as string)))).toEqual(bigints);
    expect(await roundTrip("bool", [true, false, null])).toEqual([true, false, null]);
    expect(await roundTrip("text", [])).toEqual([]);
  });

  it("reads back the same text, numbers, bigints, booleans and NULLs through COPY's text format", async () => {
    // A temporary table per run (dropped at commit); the same COPY path as the calls' (lib/db.ts copyFrom).
    const copied = (rows: unknown[][]) => sqlTransaction(async (sql) => {
      await sql.query(`CREATE TEMPORARY TABLE "CopyCheck" (n int4, t text, d float8, b int8, f bool) ON COMMIT DROP`);
      await sql.copyFrom("CopyCheck", ["n", "t", "d", "b", "f"], copyText(rows));
      return sql.query<{ n: number; t: string | null; d: number | null; b: string | bigint | null; f: boolean | null }>(`SELECT n, t, d, b::text AS b, f FROM "CopyCheck" ORDER BY n`);
    });
    const row = fc.tuple(fc.option(text), fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })), fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), fc.option(fc.boolean()));
    await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 6 }), async (rows) => {
      const back = await copied(rows.map((r, n) => [n, ...r]));
      expect(back.map((r) => [r.t, r.d === null ? null : Number(r.d), r.b === null ? null : BigInt(r.b), r.f])).toEqual(rows.map(([t, d, b, f]) => [t, d === null ? null : Object.is(d, -0) ? 0 : d, b, f]));
    }), { numRuns: 100 });
  });
});
