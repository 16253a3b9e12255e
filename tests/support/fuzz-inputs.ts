// Inputs for tests/integration/fuzz.integration.test.ts. Valid values are built to pass every rule; each
// bad value breaks exactly one rule of one field, so a property can demand that the answer names that field.
import { gzipSync } from "node:zlib";
import fc from "fast-check";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** A required field left out. */
export const MISSING = Symbol("missing");
const long = (n: number) => "x".repeat(n);
const nonStrings = [7, -0, null, true, [], {}];
const nonNumbers = ["5", null, true, [], {}];

/** Characters that stress storage and display: NUL, lone surrogates, BOM, emoji, RTL, zero-width. */
const HOSTILE = ["\u0000", "\ud800", "\udfff", "\ufeff", "😀", "👩‍👩‍👧", "\u202e", "مرحبا", "שלום", "\u200b", "𝔘", "\ufffd", "\u0085"];
export const hostileText = (maxLength: number) =>
  fc.string({ maxLength, unit: fc.oneof({ weight: 3, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) }, fc.constantFrom(...HOSTILE)) });
/** Storable identifier text: emoji, RTL, zero-width and an inner BOM are fine; NUL and lone surrogates are not. */
const exactText = (maxLength: number) => fc.string({ maxLength, unit: fc.constantFrom("a", "Z", "0", "-", " ", "😀", "مر", "\u202e", "\ufeff", "Ω", "\u200b") });
/** What the server stores for free text: NUL and unpaired surrogates as U+FFFD (an independent oracle). */
export const cleaned = (s: string) => s.replace(/\u0000/g, "\ufffd").toWellFormed();

/** Identifiers that must be refused: empty, NUL, lone surrogates, a leading BOM, too long, not a string. */
const badIdentifiers = (max: number) => ["", "a\u0000b", "\u0000", "x\ud800", "\udc00y", "\ud83d", "\ufeffid", long(max + 1), long(100_000), ...nonStrings];
const badCounts = [-1, 0.5, 2 ** 31, 2 ** 53, 1e308, -1e308, ...nonNumbers];
/** Times outside 2000..2100 or not times at all (events also refuse plain dates and the future). */
export const badTimes = [
  "0000-01-01T00:00:00Z", "1999-12-31T23:59:59.999Z", "2100-01-01T00:00:00Z", "2099-12-31T23:00:00-05:00", "+020000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-20T25:00:00Z", "2026-11-20T10:15:00+24:00", "2026-11-20 10:15:00",
  "0000-01-01", "1999-12-31", "2100-01-01", "2026-02-30", "yesterday", "", " ", "\u0000", "2026-11-20T10:15:00Z\u0000", "\ufeff2026-11-20T10:15:00Z",
  8.64e15, 8.64e15 + 1, -1, -8.64e15, 0, -0, 0.5, 946684799999, 4102444800000, 1e308, 2 ** 53, null, true, [], {},
];

/** Query-string times the analytics endpoint must refuse (it trims, so surrounding spaces are fine). */
export const badQueryTimes = [
  "", " ", "0000-01-01", "1999-12-31", "2100-01-01", "2100-01-01T00:00:00Z", "99999999999999999", "9999999999999999", "-1", "0", "0.5", "1e12",
  "+1764547200000", "٢٠٢٦-١١-٢٠", "２０２６-11-20", "2026-11-20T10:15:00+24:00", "2026-13-01", "2026-02-30", "yesterday", "\u0000", "2026-11-20\u0000",
  "NaN", "Infinity", "2026-11-20T25:00:00Z", "2026-11-20 10:15:00", "1764547200000.0", "0x19AD5C11400",
];

// ---- ingest events -------------------------------------------------------------------------------------

const offsetIso = (ms: number, offsetMin: number) => {
  const local = new Date(ms + offsetMin * 60_000).toISOString().slice(0, 19);
  const abs = Math.abs(offsetMin);
  return `${local}${offsetMin < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
};

/** A valid event but its id and time: `agoMs` before the moment it is sent, in one of three spellings. */
export const validEventArb = fc.record(
  {
    agoMs: fc.integer({ min: 0, max: 3 * DAY }),
    timeForm: fc.constantFrom<"iso" | "epoch" | number>("iso", "epoch", -720, -570, 330, 345, 840),
    idSuffix: exactText(12),
    taskType: fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/),
    model: fc.constantFrom("gpt-5.4-mini", "gpt-5.4-nano", "model-😀", "نموذج", " spaced ", long(128)),
    provider: exactText(10).map((s) => `p${s}`),
    inputTokens: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    outputTokens: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    cachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    latencyMs: fc.double({ min: 0, max: 86_400_000, noNaN: true }),
    ttftShare: fc.double({ min: 0, max: 1, noNaN: true }),
    status: fc.constantFrom("ok", "error"),
    outcome: fc.constantFrom("success", "failure"),
    stepIndex: fc.integer({ min: 0, max: 32_767 }),
    attempt: fc.integer({ min: 1, max: 100 }),
    costUsd: fc.double({ min: 0, max: 1e6, noNaN: true }),
    metadata: fc.dictionary(exactText(10).map((k) => `k${k}`), hostileText(30), { maxKeys: 32 }),
    input: fc.oneof(hostileText(200), fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }), fc.constant(long(40_000))),
    output: fc.oneof(hostileText(200), fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 })),
  },
  { requiredKeys: ["agoMs", "timeForm", "idSuffix", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "status"] },
);
export type ValidEventShape = typeof validEventArb extends fc.Arbitrary<infer T> ? T : never;

/** The wire event for a generated shape, with the given id, sent at `now`. */
export function materialize(s: ValidEventShape, id: string, now: number): Record<string, unknown> {
  const ms = now - s.agoMs;
  const { agoMs, timeForm, idSuffix, cachedShare, ttftShare, ...rest } = s;
  const event: Record<string, unknown> = { ...rest, id, timestamp: timeForm === "iso" ? new Date(ms).toISOString() : timeForm === "epoch" ? ms : offsetIso(ms, timeForm) };
  if (cachedShare !== undefined) event.cachedInputTokens = Math.floor(s.inputTokens * cachedShare);
  if (ttftShare !== undefined) event.ttftMs = s.latencyMs * ttftShare;
  return event;
}

/** [field, bad value]: each makes a valid event invalid, and the rejection must name that field. */
export const badEventFields: [string, unknown][] = [
  ...["id", "traceId", "parentId", "shadowOf"].flatMap((f) => badIdentifiers(128).map((v): [string, unknown] => [f, v])),
  ...["model", "escalatedFrom"].flatMap((f) => badIdentifiers(128).map((v): [string, unknown] => [f, v])),
  ...["provider", "errorType", "ruleId"].flatMap((f) => badIdentifiers(64).map((v): [string, unknown] => [f, v])),
  ...["id", "timestamp", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "status"].map((f): [string, unknown] => [f, MISSING]),
  ...badTimes.map((v): [string, unknown] => ["timestamp", v]),
  ...["2026-11-25", "FUTURE_MS", "FUTURE_ISO"].map((v): [string, unknown] => ["timestamp", v]),
  ...["", "a b", "é", "tâche", "a\u0000", "😀", long(65), ...nonStrings].map((v): [string, unknown] => ["taskType", v]),
  ...["inputTokens", "outputTokens", "reasoningTokens", "contextTokens", "policyVersion"].flatMap((f) => badCounts.map((v): [string, unknown] => [f, v])),
  ...["stepIndex", "toolCount", "toolCallCount"].flatMap((f) => [32_768, ...badCounts].map((v): [string, unknown] => [f, v])),
  ...[-1, 86_400_001, 1e308, ...nonNumbers].flatMap((v): [string, unknown][] => [["latencyMs", v], ["ttftMs", v]]),
  ...[0, -1, 101, 1.5, ...nonNumbers].map((v): [string, unknown] => ["attempt", v]),
  ...[-0.01, 1e6 + 1, 1e308, ...nonNumbers].map((v): [string, unknown] => ["costUsd", v]),
  ...["OK", "", "error ", "failure", 0, null].map((v): [string, unknown] => ["status", v]),
  ...["maybe", "", "Success", 1, null].map((v): [string, unknown] => ["outcome", v]),
  ["cachedInputTokens", "ABOVE_INPUT"], ["ttftMs", "ABOVE_LATENCY"], ["cachedInputTokens", -1],
  ...[{ "": "v" }, { "k\u0000": "v" }, { "k\ud800": "v" }, { "\ufeffk": "v" }, { [long(65)]: "v" }, { k: 5 }, { k: null }, { k: ["v"] }, { k: long(257) },
    Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, "v"])), "k=v", [], null, 7].map((v): [string, unknown] => ["metadata", v]),
  ...[5, null, true].flatMap((v): [string, unknown][] => [["input", v], ["output", v]]),
  ...[null, 5, "event", [], true, [{}]].map((v): [string, unknown] => ["(root)", v]),
];

/** A valid event broken in one field (relative values are worked out here, against `now`). */
export function breakEvent(event: Record<string, unknown>, [field, value]: [string, unknown], now: number): unknown {
  if (field === "(root)") return value;
  const e = { ...event };
  if (value === MISSING) delete e[field];
  else if (value === "FUTURE_MS") e[field] = now + 25 * HOUR;
  else if (value === "FUTURE_ISO") e[field] = new Date(now + 25 * HOUR).toISOString();
  else if (value === "ABOVE_INPUT") e[field] = (e.inputTokens as number) + 1;
  else if (value === "ABOVE_LATENCY") e[field] = (e.latencyMs as number) + 1;
  else e[field] = value;
  return e;
}

// ---- outcome labels ----------------------------------------------------------------------------------

export const validLabelArb = fc.record(
  { target: fc.constantFrom("callId", "traceId"), ref: exactText(20), outcome: fc.constantFrom("success", "failure"), reason: hostileText(100) },
  { requiredKeys: ["target", "ref", "outcome"] },
).map(({ target, ref, outcome, reason }) => ({ [target]: `l-${ref}`, outcome, ...(reason === undefined ? {} : { reason }) }));

/** [field, bad value, path suffix the 400 must name under outcomes.N]. */
export const badLabelFields: [string, unknown, string][] = [
  ...[MISSING, "maybe", "", "Success", 1, null].map((v): [string, unknown, string] => ["outcome", v, ".outcome"]),
  ...badIdentifiers(128).flatMap((v): [string, unknown, string][] => [["callId", v, ".callId"], ["traceId", v, ".traceId"]]),
  ["BOTH", null, ".callId"], ["NEITHER", null, ".callId"], ["extra", 1, ""],
  ...[long(501), 5, null, []].map((v): [string, unknown, string] => ["reason", v, ".reason"]),
  ...[null, 5, "label", [], true].map((v): [string, unknown, string] => ["(root)", v, ""]),
];

export function breakLabel(label: Record<string, unknown>, [field, value]: [string, unknown, string]): unknown {
  const { callId, traceId, ...rest } = label;
  const ref = callId ?? traceId;
  if (field === "(root)") return value;
  if (field === "BOTH") return { ...rest, callId: ref, traceId: ref };
  if (field === "NEITHER") return rest;
  if (field === "callId" || field === "traceId") return { ...rest, [field]: value };
  const l = { ...label };
  if (value === MISSING) delete l[field];
  else l[field] = value;
  return l;
}

// ---- policies ----------------------------------------------------------------------------------------

const modelArb = fc.constantFrom("gpt-5.4-mini", "gpt-5.4-nano", " padded ", "模型", "m😀", long(128));
const rangeArb = fc.record({ gt: fc.double({ noNaN: true, noDefaultInfinity: true }), lte: fc.integer() }, { requiredKeys: ["gt"] });
/** Tag values start with a letter: a leading BOM would be refused. */
const tagValue = exactText(10).map((v) => `v${v}`);
const whenArb = fc.record(
  { taskType: fc.array(fc.stringMatching(/^[a-z_]{1,20}$/), { minLength: 1, maxLength: 3 }), contextTokens: rangeArb, toolCount: rangeArb, metadata: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.oneof(tagValue, fc.array(tagValue, { minLength: 1, maxLength: 3 })), { maxKeys: 3 }) },
  { requiredKeys: [] },
);
const ruleArb = fc.record({ id: fc.stringMatching(/^[a-z0-9-]{1,20}$/), when: whenArb, target: fc.oneof(modelArb.map((model) => ({ model })), fc.array(fc.record({ model: modelArb, weight: fc.double({ min: 0.001, max: 100, noNaN: true }) }), { minLength: 1, maxLength: 3 }).map((split) => ({ split }))) })
  .map(({ id, when, target }) => ({ id, when, ...target }));

/** A valid policy (rule ids are lower case, so the upper-case ids added below never clash). */
export const validPolicyArb = fc.record(
  {
    defaultModel: modelArb,
    rules: fc.uniqueArray(ruleArb, { selector: (r) => r.id, maxLength: 4 }),
    escalation: fc.record({ model: modelArb, on: fc.subarray(["error", "malformed_output"], { minLength: 1 }), maxAttempts: fc.integer({ min: 2, max: 5 }) }),
    shadow: fc.array(fc.record({ when: whenArb, model: modelArb, sampleRate: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 2 }),
  },
  { requiredKeys: ["defaultModel"] },
);

const badModels = ["", "   ", "\u0000", "a\ud800", "\ufeffgpt", long(129), ...nonStrings];
const goodRule = { id: "FUZZ", model: "m" };
const goodShadow = { model: "m", sampleRate: 0.5 };
const badWhens = [{ foo: 1 }, { taskType: [] }, { taskType: [""] }, { taskType: ["a\u0000"] }, { taskType: "classify" }, { contextTokens: {} }, { contextTokens: { eq: 1 } },
  { toolCount: { gt: "3" } }, { metadata: { k: 5 } }, { metadata: { "": "v" } }, { metadata: { k: [] } }, { metadata: { "k\u0000": "v" } }, { metadata: { k: "v\ud800" } }, null, "x", []];

/** [where, bad value, path prefix the 422 must name]: `where` says how the value enters a valid policy. */
export const badPolicyParts: [string, unknown, string][] = [
  ...[...badModels, MISSING].map((v): [string, unknown, string] => ["defaultModel", v, "policy.defaultModel"]),
  ...[...nonStrings.filter((v) => !Array.isArray(v)), "rules"].map((v): [string, unknown, string] => ["rules", v, "policy.rules"]),
  ...[null, 5, "r", []].map((v): [string, unknown, string] => ["rule", v, "policy.rules.N"]),
  ...["", "  ", "\u0000", "a\ud800", "\ufeffr", long(65), 5, null].map((v): [string, unknown, string] => ["rule", { ...goodRule, id: v }, "policy.rules.N.id"]),
  ...badModels.map((v): [string, unknown, string] => ["rule", { ...goodRule, model: v }, "policy.rules.N.model"]),
  ["rule", { id: "FUZZ" }, "policy.rules.N.model"], ["rule", { ...goodRule, split: [{ model: "m", weight: 1 }] }, "policy.rules.N.model"],
  ["rule", { ...goodRule, extra: 1 }, "policy.rules.N"], ["rule", "DUPLICATE", "policy.rules.N.id"],
  ...[[], [{ model: "m", weight: 0 }], [{ model: "m", weight: -1 }], [{ model: "m", weight: "1" }], [{ model: "\u0000", weight: 1 }], [{ model: "m", weight: 1, x: 1 }], [null], "m"]
    .map((v): [string, unknown, string] => ["rule", { id: "FUZZ", split: v }, "policy.rules.N.split"]),
  ...badWhens.map((v): [string, unknown, string] => ["rule", { ...goodRule, when: v }, "policy.rules.N.when"]),
  ...[null, "x", [], { model: "\u0000", on: ["error"], maxAttempts: 2 }, { model: "m", on: [], maxAttempts: 2 }, { model: "m", on: ["timeout"], maxAttempts: 2 },
    { model: "m", on: "error", maxAttempts: 2 }, { model: "m", on: ["error"] }, { model: "m", on: ["error"], maxAttempts: 2, x: 1 },
    ...[1, 6, 2.5, "2", -0, 1e308].map((maxAttempts) => ({ model: "m", on: ["error"], maxAttempts }))].map((v): [string, unknown, string] => ["escalation", v, "policy.escalation"]),
  ...[null, "x", {}, [null], [{ model: "m" }], [{ ...goodShadow, x: 1 }], ...[-0.1, 1.5, "0.5", 1e308, null].map((sampleRate) => [{ ...goodShadow, sampleRate }]),
    ...badModels.map((model) => [{ ...goodShadow, model }]), ...badWhens.map((when) => [{ ...goodShadow, when }])].map((v): [string, unknown, string] => ["shadow", v, "policy.shadow"]),
  ...[1, null, "x"].map((v): [string, unknown, string] => ["extraKey", v, "policy"]),
  ...[MISSING, null, 5, "policy", [], true, [{ defaultModel: "m" }]].map((v): [string, unknown, string] => ["(root)", v, "policy"]),
];

/** A valid policy broken in one place, and the path prefix the 422 must name. */
export function breakPolicy(policy: Record<string, unknown>, [where, value, path]: [string, unknown, string]): { policy: unknown; path: string } {
  if (where === "(root)") return { policy: value, path };
  const p: Record<string, unknown> = { ...policy };
  const rules = [...((p.rules as { id: string }[] | undefined) ?? [])];
  if (where === "rule") {
    if (value === "DUPLICATE") rules.push({ ...goodRule }, { ...goodRule });
    else rules.push(value as { id: string });
    p.rules = rules;
    return { policy: p, path: path.replace("N", String(rules.length - 1)) };
  }
  if (where === "extraKey") p.notAField = value;
  else if (value === MISSING) delete p[where];
  else p[where] = value;
  return { policy: p, path };
}

// ---- raw bodies --------------------------------------------------------------------------------------

export type RawBody = { body: string | Uint8Array<ArrayBuffer>; gzip: boolean };
const json = (v: unknown) => JSON.stringify(v);
const gz = (s: string | Uint8Array) => new Uint8Array(gzipSync(s));
const nest = (depth: number, open: string, close: string) => `{"events":[{"input":${open.repeat(depth)}1${close.repeat(depth)}}],"outcomes":[],"policy":${open.repeat(depth)}1${close.repeat(depth)}}`;

/** Bodies no endpoint should accept: not JSON, not an object, wrong envelope, bad gzip, too deep. */
export const rawBodyArb: fc.Arbitrary<RawBody> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }).map((body) => ({ body, gzip: false })),
  hostileText(100).map((body) => ({ body, gzip: false })),
  fc.constantFrom("", " ", "\n\t", "\ufeff{}", "null", "true", "0", "-0", "1e400", "NaN", "Infinity", '""', '"events"', "[]", "[{}]", "{", '{"events":', "{'events':[]}",
    '{"events":[]}', '{"events":null}', '{"events":{}}', '{"events":"[]"}', '{"events":[1],"events":7}', '{"outcomes":[]}', '{"outcomes":{"0":{}}}', '{"__proto__":{"events":[{}]}}',
    '{"version":"1"}', '{"from":null}', "\u0000", "{\"events\":[\u0000]}").map((body) => ({ body, gzip: false })),
  fc.jsonValue().map((v) => ({ body: json(v), gzip: false })),
  fc.dictionary(fc.constantFrom("events", "outcomes", "policy", "version", "from", "to", "assumptions", "message"), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }).map((v) => ({ body: json(v), gzip: false })),
  fc.record({ depth: fc.integer({ min: 60, max: 3000 }), brackets: fc.constantFrom(["[", "]"], ['{"a":', "}"]) }).map(({ depth, brackets }) => ({ body: nest(depth, brackets[0], brackets[1]), gzip: false })),
  fc.record({ bytes: fc.uint8Array({ maxLength: 300 }), gzip: fc.boolean() }).map(({ bytes, gzip }) => ({ body: new Uint8Array(bytes), gzip })),
  fc.uint8Array({ maxLength: 64 }).map((tail) => ({ body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, ...tail]), gzip: true })),
  fc.record({ text: fc.jsonValue().map(json), cut: fc.nat() }).map(({ text, cut }) => {
    const full = gz(text);
    return { body: full.subarray(0, cut % full.length), gzip: true };
  }),
  fc.string({ unit: "binary", maxLength: 200 }).map((s) => ({ body: gz(s), gzip: true })),
  fc.integer({ min: 65, max: 500 }).map((depth) => ({ body: gz(nest(depth, "[", "]")), gzip: true })),
);
