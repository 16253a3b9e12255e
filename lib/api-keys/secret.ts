// API key secrets: `sy_<prefix>_<secret>`. Only the SHA-256 of the whole string is stored; the key is
// random (256 bits), so a fast hash is enough and lets a request find its key with one index lookup.
import crypto from "node:crypto";

export function generateKeySecret(): string {
  const prefix = crypto.randomBytes(6).toString("base64url").replace(/[-_]/g, "x").slice(0, 8);
  return `sy_${prefix}_${crypto.randomBytes(32).toString("base64url")}`;
}

export function hashKeySecret(secret: string): string {
  return crypto.createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What the key list shows: `sy_<prefix>` for our keys, the first characters of a key set by hand. */
export function displayPrefix(secret: string): string {
  const ours = /^(sy_[A-Za-z0-9]{8})_/.exec(secret);
  return ours ? ours[1] : secret.slice(0, 6);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
