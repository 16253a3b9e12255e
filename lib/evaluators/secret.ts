// An LLM judge's API key at rest: AES-256-GCM under a key derived (HKDF-SHA256, a fresh salt per value)
// from the instance's secret (NEXTAUTH_SECRET, else the one kept in the database: lib/auth/session-secret.ts).
// The evaluator's id is authenticated with it, so a ciphertext copied onto another evaluator (another team's,
// pointing at another URL) does not open. Changing NEXTAUTH_SECRET makes stored keys unreadable: the judge
// then stops with an error saying to save the key again.
//
// What this protects: a copy of the Evaluator rows (a dump, a backup, a read replica) without the secret.
// With NEXTAUTH_SECRET unset the secret lives in the same database, so set it to get that protection.
import crypto from "node:crypto";
import { getSessionSecret } from "@/lib/auth/session-secret";

const VERSION = "v1";
const INFO = "switchyard evaluator api key v1";
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const keyFor = (secret: string, salt: Buffer) => Buffer.from(crypto.hkdfSync("sha256", secret, salt, INFO, 32));
const aad = (context: string) => Buffer.from(`evaluator:${context}`, "utf8");

/** Encrypts `plain` for storage: "v1." then base64url of salt, IV, tag and ciphertext. */
export function sealSecret(plain: string, secret: string, context: string): string {
  const salt = crypto.randomBytes(SALT_BYTES);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFor(secret, salt), iv);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}.${Buffer.concat([salt, iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plain text, or null when the value was changed, made under another secret or for another context. */
export function openSecret(sealed: string, secret: string, context: string): string | null {
  const [version, data, ...rest] = sealed.split(".");
  if (version !== VERSION || !data || rest.length) return null;
  const raw = Buffer.from(data, "base64url");
  if (raw.length < SALT_BYTES + IV_BYTES + TAG_BYTES) return null;
  const salt = raw.subarray(0, SALT_BYTES);
  const iv = raw.subarray(SALT_BYTES, SALT_BYTES + IV_BYTES);
  const tag = raw.subarray(SALT_BYTES + IV_BYTES, SALT_BYTES + IV_BYTES + TAG_BYTES);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFor(secret, salt), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(raw.subarray(SALT_BYTES + IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null; // the tag did not verify
  }
}

export async function encryptApiKey(evaluatorId: string, apiKey: string) {
  return sealSecret(apiKey, await getSessionSecret(), evaluatorId);
}

/** The judge's key, or null when it cannot be opened (the instance secret changed since it was saved). */
export async function decryptApiKey(evaluatorId: string, sealed: string) {
  return openSecret(sealed, await getSessionSecret(), evaluatorId);
}
