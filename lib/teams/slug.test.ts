import { describe, expect, it } from "vitest";
import { slugCandidates, slugify } from "@/lib/teams/slug";

describe("slugify", () => {
  it("lowercases, strips accents and joins words with dashes", () => {
    expect(slugify("  Acme AI — Café Ops! ")).toBe("acme-ai-cafe-ops");
  });

  it("never returns a path the app uses itself", () => {
    expect(slugify("API")).toBe("team-api");
    expect(slugify("Sign in")).toBe("team-sign-in");
  });

  it("gives a random slug to a name with no usable characters", () => {
    expect(slugify("!!!")).toMatch(/^team-[0-9a-f]{6}$/);
  });

  it("caps the length without a trailing dash", () => {
    const slug = slugify("a".repeat(39) + " b and more words");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("offers numbered alternatives after the plain slug", () => {
    expect(slugCandidates("Acme").slice(0, 3)).toEqual(["acme", "acme-2", "acme-3"]);
  });
});
