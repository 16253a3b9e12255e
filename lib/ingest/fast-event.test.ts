import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quickEvent } from "@/lib/ingest/fast-event";
import { callEventSchema } from "@/lib/ingest/schema";
import { batchTemplate } from "@/tests/bench/ingest-load";
import { badEventFields, breakEvent, materialize, validEventArb } from "@/tests/support/fuzz-inputs";

/** What quickEvent accepts, zod accepts with the same value, the same keys in the same order. */
function agrees(raw: unknown) {
  const quick = quickEvent(raw);
  if (quick === null) return false;
  const parsed = callEventSchema.safeParse(raw);
  expect(parsed.success, JSON.stringify(raw)).toBe(true);
  expect(quick).toStrictEqual(parsed.data);
  expect(Object.keys(quick)).toEqual(Object.keys(parsed.data!));
  expect(JSON.stringify(quick)).toBe(JSON.stringify(parsed.data));
  return true;
}

describe("quickEvent", () => {
  it("accepts only what callEventSchema accepts, parsed the same, over valid and broken events", () => {
    let accepted = 0;
    // Half the shapes in the form the quick path takes (epoch time, string content), so both paths are exercised.
    const usual = validEventArb.map((s) => ({ ...s, timeForm: "epoch" as const, input: typeof s.input === "string" ? s.input : undefined, output: typeof s.output === "string" ? s.output : undefined }));
    fc.assert(fc.property(fc.oneof(validEventArb, usual), fc.option(fc.constantFrom(...badEventFields), { freq: 2 }), (shape, bad) => {
      const now = Date.now();
      const event = JSON.parse(JSON.stringify(materialize(shape, "call-1", now)));
      if (agrees(bad ? breakEvent(event, bad, now) : event)) accepted += 1;
    }), { numRuns: 3000 });
        expect(accepted).toBeGreaterThan(500);
  });

  it("agrees with zod on events edited at random: values swapped between fields, keys added", () => {
    const base = materialize(fc.sample(validEventArb, { numRuns: 1, seed: 7 })[0], "call-2", Date.now());
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-0, 0.5, 2 ** 31, 8.64e15, "\u0000", "\ud800", "\ufeffx", "__proto__"));
    const key = fc.oneof(fc.constantFrom(...Object.keys(callEventSchema.shape)), fc.string({ maxLength: 12 }), fc.constant("__proto__"));
    fc.assert(fc.property(fc.array(fc.tuple(key, value), { maxLength: 3 }), (edits) => {
      const event: Record<string, unknown> = { ...base, timestamp: Date.now() - 1000, input: "q", output: "a" };
      for (const [k, v] of edits) Object.defineProperty(event, k, { value: v, enumerable: true, writable: true, configurable: true });
      agrees(event);
    }), { numRuns: 3000 });
  });

  it("takes every event an SDK sends in the usual form (the benchmark's and the demo's mix)", () => {
    const events = (JSON.parse(batchTemplate().replaceAll("__B__", "1")) as { events: unknown[] }).events;
    expect(events.filter((e) => !agrees(e))).toEqual([]);
  });

  it("leaves to zod what it does not check itself: ISO times, JSON content, unknown keys", () => {
    const event = { id: "a", timestamp: Date.now(), taskType: "t", model: "m", inputTokens: 1, outputTokens: 1, latencyMs: 5, status: "ok" };
    expect(agrees(event)).toBe(true);
    for (const edit of [{ timestamp: new Date().toISOString() }, { input: { q: 1 } }, { output: ["a"] }, { extra: 1 }, { metadata: JSON.parse('{"__proto__":"x"}') }]) {
      expect(quickEvent({ ...event, ...edit })).toBeNull();
    }
  });
});
