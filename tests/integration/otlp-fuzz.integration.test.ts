// Property test of POST /api/v1/otlp/v1/traces (fast-check): exports full of hostile values (NUL, lone
// surrogates, ints beyond 2^64, times of year 0 and 2^64, wrong types at every level, bad ids) never get a
// 5xx; an answer is OTLP's (partial success counting at most the spans sent) or our error shape; a span is
// stored at most once, so sending the same export again stores nothing new.
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { POST } from "@/app/api/v1/otlp/v1/traces/route";
import { db } from "@/lib/db";
import { ExportRequest } from "@/lib/otlp/proto";
import { apiRequest } from "@/tests/factories";
import { checkError, makeTeam, type Team } from "@/tests/support/fuzz-api";
import { hostileText } from "@/tests/support/fuzz-inputs";

let team: Team;
beforeAll(async () => {
  team = await makeTeam();
});

const KEYS = [
  "gen_ai.operation.name", "gen_ai.request.model", "gen_ai.response.model", "gen_ai.system", "gen_ai.provider.name", "gen_ai.usage.input_tokens",
  "gen_ai.usage.output_tokens", "gen_ai.usage.prompt_tokens", "gen_ai.usage.cache_read.input_tokens", "gen_ai.response.time_to_first_chunk",
  "gen_ai.usage.cost", "ai.operationId", "ai.model.id", "switchyard.task_type", "switchyard.outcome", "switchyard.metadata.tier", "error.type",
];

const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ stringValue: fc.oneof(hostileText(80), fc.constantFrom("chat", "gpt-5.4-mini", "invoke_agent", "ai.generateText.doGenerate", "success", "classify")) }),
    fc.record({ intValue: fc.oneof(fc.integer(), fc.constantFrom("18446744073709551616", "-9223372036854775809", "12abc", "", "1e3")) }),
    fc.record({ doubleValue: fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(1e308, -1e308, 0.25)) }),
    fc.record({ boolValue: fc.boolean() }),
    fc.record({ arrayValue: fc.record({ values: fc.array(tie("value"), { maxLength: 3 }) }) }),
    fc.record({ kvlistValue: fc.record({ values: fc.array(fc.record({ key: fc.string({ maxLength: 8 }), value: tie("value") }), { maxLength: 3 }) }) }),
    fc.record({ bytesValue: fc.constantFrom("AAEC", "!!", "") }),
    fc.constantFrom(null, 7, "text", [], {}),
  ),
})).value;

const attribute = fc.record({ key: fc.oneof(fc.constantFrom(...KEYS), hostileText(20)), value: anyValue });
const hexId = (bytes: number) => fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => Buffer.from(b).toString("hex")) },
  fc.constantFrom("", "zz", "0".repeat(bytes * 2), "x".repeat(200), 5 as unknown as string),
);
const nowNs = BigInt(Date.now()) * 1_000_000n;
const time = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_600_000 }).map((ms) => String(nowNs - BigInt(ms) * 1_000_000n)) },
  fc.constantFrom("0", "18446744073709551615", "18446744073709551616", "-5", "abc", "", 1e21 as unknown as string, null as unknown as string),
);
const span = fc.record({
  traceId: hexId(16), spanId: hexId(8), name: hostileText(20), kind: fc.integer({ min: 0, max: 5 }),
  startTimeUnixNano: time, endTimeUnixNano: time,
  attributes: fc.array(attribute, { maxLength: 12 }),
  status: fc.oneof(fc.record({ code: fc.integer({ min: 0, max: 3 }) }), fc.constant(undefined)),
}, { requiredKeys: ["traceId", "spanId", "startTimeUnixNano", "endTimeUnixNano", "attributes"] });
const exportBody = fc.record({
  resourceSpans: fc.array(fc.record({
    resource: fc.record({ attributes: fc.array(attribute, { maxLength: 4 }) }),
    scopeSpans: fc.array(fc.record({ scope: fc.record({ name: fc.string({ maxLength: 5 }) }), spans: fc.array(span, { maxLength: 6 }) }), { maxLength: 2 }),
  }), { maxLength: 2 }),
});

type Body = { resourceSpans: { scopeSpans: { spans: { traceId: unknown; spanId: unknown }[] }[] }[] };
/** Ids as bytes for protobufjs, whose fromObject reads a string as base64 where OTLP/JSON writes hex. */
const idBytes = (id: unknown) => (typeof id === "string" && /^([0-9a-fA-F]{2})*$/.test(id) ? Buffer.from(id, "hex") : id);
const forProtobuf = (body: Body) => ({
  ...body,
  resourceSpans: body.resourceSpans.map((rs) => ({
    ...rs, scopeSpans: rs.scopeSpans.map((ss) => ({ ...ss, spans: ss.spans.map((s) => ({ ...s, traceId: idBytes(s.traceId), spanId: idBytes(s.spanId) })) })),
  })),
});

const spansIn = (body: { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] }) => body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans)).length;

async function post(payload: Uint8Array | string, type: string, gzip: boolean) {
  const body = gzip ? new Uint8Array(gzipSync(payload)) : typeof payload === "string" ? payload : new Uint8Array(payload);
  const res = await POST(apiRequest("/api/v1/otlp/v1/traces", team.ingest, { method: "POST", body, headers: { "content-type": type, ...(gzip ? { "content-encoding": "gzip" } : {}) } }));
  return { status: res.status, text: await res.text() };
}

it("answers any export without a 5xx, counts rejections within what was sent, and stores a span once", { timeout: 120_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(exportBody, fc.boolean(), async (body, gzip) => {
      const sent = spansIn(body);
      const first = await post(JSON.stringify(body), "application/json", gzip);
      expect(first.status, first.text).toBeLessThan(500);
      const json = JSON.parse(first.text);
      if (first.status === 200) {
        expect(Object.keys(json).every((k) => k === "partialSuccess"), first.text).toBe(true);
        if (json.partialSuccess) expect(json.partialSuccess.rejectedSpans).toBeLessThanOrEqual(sent);
      } else checkError(first.status, json, first.text);
      const stored = await db().call.count({ where: { teamSeq: team.seq } });
      // The same export again, as protobuf where it can be encoded: nothing new is stored.
      let again: { status: number; text: string };
      try {
        again = await post(ExportRequest.encode(ExportRequest.fromObject(forProtobuf(body))).finish(), "application/x-protobuf", gzip);
      } catch {
        again = await post(JSON.stringify(body), "application/json", gzip);
      }
      expect(again.status, again.text).toBeLessThan(500);
      expect(await db().call.count({ where: { teamSeq: team.seq } })).toBe(stored);
    }),
    { numRuns: 150 },
  );
  // Some of those exports held storable LLM spans.
  expect(await db().call.count({ where: { teamSeq: team.seq } })).toBeGreaterThan(0);
});
