import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-site paths", () => expect(safeCallbackUrl("/acme/settings?x=1")).toBe("/acme/settings?x=1"));
  it("drops other sites", () => {
    for (const bad of ["https://evil.test", "//evil.test", "/\\evil.test", "", undefined]) expect(safeCallbackUrl(bad)).toBe("/");
  });
});
