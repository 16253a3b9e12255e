// Per-key request rate limit for the ingest endpoints: a token bucket per API key, in this process.
// Several server instances each allow the limit (documented in the README).
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();

const rateLimited = (seconds: number) =>
  new AppError("rate_limited", `Too many requests for this API key; retry after ${seconds} s.`, undefined, { "Retry-After": String(seconds) });

/** Takes one request from the key's bucket (refilled at limit/60 per second, holding 10 s worth). */
export function takeRequest(keyId: string, now = Date.now()) {
  const perMinute = env().SWITCHYARD_INGEST_RATE_LIMIT;
  const perSecond = perMinute / 60;
  const capacity = Math.max(1, perSecond * 10);
  const bucket = buckets.get(keyId) ?? { tokens: capacity, at: now };
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens < 1) throw rateLimited(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
  bucket.tokens -= 1;
}
