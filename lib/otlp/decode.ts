// An OTLP/HTTP trace export, protobuf or JSON, read into one plain shape: spans with hex ids, nanosecond
// times as bigint, and attributes (the span's, and its resource's) as plain values. OTLP/JSON differs from
// the protobuf mapping in ids (hex, not base64) and in 64-bit integers (strings or numbers).
import { AppError, invalidField } from "@/lib/http/errors";
import { checkDepth, MAX_JSON_DEPTH } from "@/lib/http/body";
import { ExportRequest } from "@/lib/otlp/proto";

export type Value = string | number | boolean | Value[] | { [key: string]: Value } | null;
export type Attributes = Map<string, Value>;
export type Span = {
  traceId: string; spanId: string; name: string; startNs: bigint; endNs: bigint;
  /** 0 unset, 1 ok, 2 error. */
  statusCode: number; statusMessage: string;
  attributes: Attributes; resource: Attributes;
  events: { name: string; timeNs: bigint; attributes: Attributes }[];
};

type Loose = Record<string, unknown>;

const hex = (v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : typeof v === "string" ? v.toLowerCase() : "");

function nanos(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number" && Number.isFinite(v)) return BigInt(Math.trunc(v));
  if (typeof v === "string" && /^\d{1,20}$/.test(v)) return BigInt(v);
  if (v && typeof v === "object" && "low" in v && "high" in v) {
    const { low, high } = v as { low: number; high: number };
    return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  }
  return 0n;
}

/** A signed 64-bit attribute integer: a number or decimal string in JSON, a Long from protobuf; else null. */
function int64(v: unknown): bigint | null {
  if (typeof v === "number") return Number.isFinite(v) ? BigInt(Math.trunc(v)) : null;
  if (typeof v === "string") return /^-?\d{1,20}$/.test(v) ? BigInt(v) : null;
  if (v && typeof v === "object" && "low" in v && "high" in v) return BigInt.asIntN(64, nanos(v));
  return null;
}

function value(v: unknown): Value {
  if (!v || typeof v !== "object") return null;
  const a = v as Loose;
  if (a.stringValue !== undefined && a.stringValue !== null) return String(a.stringValue);
  if (a.boolValue !== undefined && a.boolValue !== null) return Boolean(a.boolValue);
  if (a.intValue !== undefined && a.intValue !== null) {
    const n = int64(a.intValue);
    if (n === null) return null;
    return n <= BigInt(Number.MAX_SAFE_INTEGER) && n >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
  }
  if (a.doubleValue !== undefined && a.doubleValue !== null) return Number(a.doubleValue);
  if (a.arrayValue && typeof a.arrayValue === "object") return (((a.arrayValue as Loose).values as unknown[]) ?? []).map(value);
  if (a.kvlistValue && typeof a.kvlistValue === "object") {
    return Object.fromEntries((((a.kvlistValue as Loose).values as Loose[]) ?? []).map((kv) => [String(kv.key), value(kv.value)]));
  }
  // OTLP/JSON writes ids in hex but every other bytes field in base64, as protobuf's JSON mapping does.
  if (typeof a.bytesValue === "string") return Buffer.from(a.bytesValue, "base64").toString("hex");
  if (a.bytesValue !== undefined && a.bytesValue !== null) return hex(a.bytesValue);
  return null;
}

function attributes(list: unknown): Attributes {
  const out: Attributes = new Map();
  if (!Array.isArray(list)) return out;
  for (const kv of list as Loose[]) if (kv && typeof kv.key === "string") out.set(kv.key, value(kv.value));
  return out;
}

function spansOf(request: Loose): Span[] {
  const spans: Span[] = [];
  for (const rs of (request.resourceSpans as Loose[] | undefined) ?? []) {
    const resource = attributes((rs?.resource as Loose | undefined)?.attributes);
    for (const ss of (rs?.scopeSpans as Loose[] | undefined) ?? []) {
      for (const s of (ss?.spans as Loose[] | undefined) ?? []) {
        const status = (s.status as Loose | undefined) ?? {};
        spans.push({
          traceId: hex(s.traceId), spanId: hex(s.spanId), name: typeof s.name === "string" ? s.name : "",
          startNs: nanos(s.startTimeUnixNano), endNs: nanos(s.endTimeUnixNano),
          statusCode: Number(status.code ?? 0), statusMessage: typeof status.message === "string" ? status.message : "",
          attributes: attributes(s.attributes), resource,
          events: ((s.events as Loose[] | undefined) ?? []).map((e) => ({ name: String(e.name ?? ""), timeNs: nanos(e.timeUnixNano), attributes: attributes(e.attributes) })),
        });
      }
    }
  }
  return spans;
}

export type Encoding = "protobuf" | "json";

/** The encoding a request's Content-Type names: OTLP/HTTP knows only these two. */
export function encodingOf(contentType: string | null): Encoding {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-protobuf" || type === "application/protobuf") return "protobuf";
  if (type === "application/json") return "json";
  throw invalidField("content-type", "must be application/x-protobuf or application/json (OTLP/HTTP)");
}

export function decodeSpans(body: Buffer, encoding: Encoding): Span[] {
  if (encoding === "protobuf") {
    let message;
    try {
      message = ExportRequest.decode(body);
    } catch (err) {
      throw new AppError("validation_error", `Body is not an OTLP ExportTraceServiceRequest: ${(err as Error).message}`, [{ path: "body", message: "is not a valid ExportTraceServiceRequest" }]);
    }
    return spansOf(ExportRequest.toObject(message, { longs: String }) as Loose);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (err) {
    throw new AppError("invalid_json", `Request body is not valid JSON: ${(err as Error).message}`);
  }
  checkDepth(parsed, MAX_JSON_DEPTH);
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw invalidField("body", "must be an ExportTraceServiceRequest object");
  if ((parsed as Loose).resourceSpans !== undefined && !Array.isArray((parsed as Loose).resourceSpans)) throw invalidField("resourceSpans", "must be an array");
  return spansOf(parsed as Loose);
}
