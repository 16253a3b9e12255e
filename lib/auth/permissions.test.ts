import { describe, expect, it } from "vitest";
import { canAssignRole, canManageKeys } from "@/lib/auth/permissions";

describe("permissions", () => {
  it("lets owners and admins manage keys, not members or viewers", () => {
    expect(["owner", "admin", "member", "viewer"].map((r) => canManageKeys(r as never))).toEqual([true, true, false, false]);
  });

  it("keeps ownership in the hands of owners", () => {
    expect(canAssignRole("owner", "member", "owner")).toBe(true);
    expect(canAssignRole("admin", "member", "owner")).toBe(false);
    expect(canAssignRole("admin", "owner", "viewer")).toBe(false);
    expect(canAssignRole("admin", "viewer", "member")).toBe(true);
    expect(canAssignRole("member", "viewer", "member")).toBe(false);
  });
});
