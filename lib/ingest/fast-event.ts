// The usual ingest event checked without zod. callEventSchema costs ~8-12 µs an event, the largest single
// cost of a 1,000-event batch; this takes under 1 µs. It only ever accepts: whatever it is not sure of (an
// ISO time, JSON content, a key it does not know, any rule broken) returns null and goes to
// callEventSchema, which stays the one source of what is valid and of every error message.
// lib/ingest/fast-event.test.ts checks that what this accepts, zod accepts with the same output.
import { toStorable, unstorableReason } from "@switchyard/sdk";
import { callEventSchema, inTimeRange, TASK_TYPE_PATTERN, type CallEvent } from "@/lib/ingest/schema";

const DAY_MS = 86_400_000;
const MAX_INT4 = 2_147_483_647;

// Every key of callEventSchema, in its order (zod's output follows the schema's order).
const KEYS = Object.keys(callEventSchema.shape) as (keyof typeof callEventSchema.shape)[];
type Key = (typeof KEYS)[number];
const KNOWN = new Set<string>(KEYS);
const REQUIRED: Key[] = ["id", "timestamp", "taskType", "model", "inputTokens", "outputTokens", "latencyMs", "status"];

const isName = (v: unknown, max: number) => typeof v === "string" && v.length >= 1 && v.length <= max && unstorableReason(v) === null;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isMs = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= DAY_MS;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

function metadata(v: unknown): Record<string, string> | null {
  if (!isPlainObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length > 32) return null;
  const out: Record<string, string> = {};
  for (const k of keys) {
    const value = v[k];
    if (k === "__proto__" || !isName(k, 64) || typeof value !== "string" || value.length > 256) return null;
    out[k] = toStorable(value);
  }
  return out;
}

/** Checks one field, returning its parsed value, or FAIL when the field needs zod. */
const FAIL = Symbol("fail");
function field(key: Key, v: unknown): unknown {
  switch (key) {
    case "id": case "traceId": case "parentId": case "shadowOf": case "model": case "escalatedFrom":
      return isName(v, 128) ? v : FAIL;
    case "provider": case "errorType": case "ruleId":
      return isName(v, 64) ? v : FAIL;
    case "taskType":
      return typeof v === "string" && TASK_TYPE_PATTERN.test(v) ? v : FAIL;
    case "timestamp": {
      if (!isInt(v, 0, 8.64e15)) return FAIL;
      const at = new Date(v);
      return inTimeRange(at) && v <= Date.now() + DAY_MS ? at : FAIL;
    }
    case "inputTokens": case "outputTokens": case "cachedInputTokens": case "reasoningTokens": case "contextTokens": case "policyVersion":
      return isInt(v, 0, MAX_INT4) ? v : FAIL;
    case "stepIndex": case "toolCount": case "toolCallCount":
      return isInt(v, 0, 32_767) ? v : FAIL;
    case "attempt":
      return isInt(v, 1, 100) ? v : FAIL;
    case "latencyMs": case "ttftMs":
      return isMs(v) ? Math.round(v * 1000) / 1000 : FAIL;
    case "status":
      return v === "ok" || v === "error" ? v : FAIL;
    case "outcome":
      return v === "success" || v === "failure" ? v : FAIL;
    case "propensity":
      return typeof v === "number" && v > 0 && v <= 1 ? v : FAIL;
    case "costUsd":
      return typeof v === "number" && v >= 0 && v <= 1e6 ? v : FAIL;
    case "metadata":
      return metadata(v) ?? FAIL;
    case "input": case "output":
      return typeof v === "string" ? toStorable(v) : FAIL;
  }
}

/** The event as callEventSchema would parse it, or null when only zod can say. */
export function quickEvent(raw: unknown): CallEvent | null {
  if (!isPlainObject(raw)) return null;
  for (const k in raw) if (!KNOWN.has(k) || raw[k] === undefined) return null;
  for (const k of REQUIRED) if (!(k in raw)) return null;
  const out: Record<string, unknown> = {};
  for (const k of KEYS) {
    if (!(k in raw)) continue;
    const value = field(k, raw[k]);
    if (value === FAIL) return null;
    out[k] = value;
  }
  const e = out as CallEvent;
  if (e.cachedInputTokens !== undefined && e.cachedInputTokens > e.inputTokens) return null;
  if (e.ttftMs !== undefined && e.ttftMs > e.latencyMs) return null;
  return e;
}
