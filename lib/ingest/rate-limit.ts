// Per-key request rate limit for the ingest endpoints: a token bucket per API key, kept in the database
// so every server instance draws from the same bucket (a key gets its limit once, however many instances
// serve it). One statement per request: refill by elapsed time, take a token if there is one.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

const rateLimited = (seconds: number) =>
  new AppError("rate_limited", `Too many requests for this API key; retry after ${seconds} s.`, undefined, { "Retry-After": String(seconds) });

/** Takes one request from the key's bucket (refilled at limit/60 per second, holding 10 s worth); 429 when empty. */
export async function takeRequest(keyId: string) {
  const perSecond = env().SWITCHYARD_INGEST_RATE_LIMIT / 60;
  const capacity = Math.max(1, perSecond * 10);
  // In DO UPDATE, b.* is the row as it stands under its lock, so concurrent requests each see the last one's take.
  const [bucket] = await db().$queryRaw<{ tokens: number; allowed: boolean }[]>`
    INSERT INTO "RateBucket" AS b ("keyId", "tokens", "at", "allowed") VALUES (${keyId}, ${capacity}::float8 - 1, now(), true)
    ON CONFLICT ("keyId") DO UPDATE SET
      "tokens" = sy_bucket_refill(b."tokens", b."at", ${capacity}::float8, ${perSecond}::float8)
                 - CASE WHEN sy_bucket_refill(b."tokens", b."at", ${capacity}::float8, ${perSecond}::float8) >= 1 THEN 1 ELSE 0 END,
      "allowed" = sy_bucket_refill(b."tokens", b."at", ${capacity}::float8, ${perSecond}::float8) >= 1,
      "at" = now()
    RETURNING "tokens", "allowed"`;
  if (!bucket.allowed) throw rateLimited(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond)));
}
