import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/evaluators/secret";

const SECRET = "a-long-instance-secret-for-tests";
const KEY = "sk-proj-0123456789abcdef";

describe("judge API key encryption", () => {
  it("round-trips, and never stores the key or the same ciphertext twice", () => {
    const a = sealSecret(KEY, SECRET, "evaluator-1");
    const b = sealSecret(KEY, SECRET, "evaluator-1");
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(KEY);
    expect(a).not.toBe(b); // fresh salt and IV each time
    expect(openSecret(a, SECRET, "evaluator-1")).toBe(KEY);
    expect(openSecret(b, SECRET, "evaluator-1")).toBe(KEY);
    expect(openSecret(sealSecret("ключ 🔑", SECRET, "e"), SECRET, "e")).toBe("ключ 🔑");
  });

  it("detects any change to the stored value", () => {
    const sealed = sealSecret(KEY, SECRET, "evaluator-1");
    const raw = Buffer.from(sealed.slice(3), "base64url");
    for (let i = 0; i < raw.length; i++) {
      const changed = Buffer.from(raw);
      changed[i] ^= 0x01;
      expect(openSecret(`v1.${changed.toString("base64url")}`, SECRET, "evaluator-1"), `byte ${i}`).toBeNull();
    }
    expect(openSecret(`v1.${raw.subarray(0, raw.length - 1).toString("base64url")}`, SECRET, "evaluator-1")).toBeNull();
    expect(openSecret(sealed.replace("v1.", "v2."), SECRET, "evaluator-1")).toBeNull();
    expect(openSecret("v1.", SECRET, "evaluator-1")).toBeNull();
    expect(openSecret("not sealed at all", SECRET, "evaluator-1")).toBeNull();
  });

  it("does not open under another secret or for another evaluator", () => {
    const sealed = sealSecret(KEY, SECRET, "evaluator-1");
    expect(openSecret(sealed, `${SECRET}-rotated`, "evaluator-1")).toBeNull();
    expect(openSecret(sealed, SECRET, "evaluator-2")).toBeNull();
  });
});
