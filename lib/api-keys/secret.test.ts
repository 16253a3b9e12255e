import { describe, expect, it } from "vitest";
import { displayPrefix, generateKeySecret, hashKeySecret, sameHash } from "@/lib/api-keys/secret";

describe("API key secrets", () => {
  it("have the sy_<prefix>_<secret> shape and are unique", () => {
    const a = generateKeySecret();
    const b = generateKeySecret();
    expect(a).toMatch(/^sy_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it("show only the prefix", () => {
    const secret = generateKeySecret();
    expect(displayPrefix(secret)).toBe(secret.slice(0, 11));
    expect(displayPrefix("my-own-key-of-twenty-chars")).toBe("my-own");
  });

  it("are compared by hash", () => {
    const secret = generateKeySecret();
    expect(sameHash(hashKeySecret(secret), hashKeySecret(secret))).toBe(true);
    expect(sameHash(hashKeySecret(secret), hashKeySecret(secret + "x"))).toBe(false);
    expect(hashKeySecret(secret)).not.toContain(secret);
  });
});
