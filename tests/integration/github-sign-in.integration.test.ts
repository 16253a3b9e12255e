// GitHub sign-in links to an existing account only through an address GitHub verified. The GitHub side
// is stubbed (no network here): its OAuth client and its /user/emails answer.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Account, NextAuthOptions, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { resetEnvForTests } from "@/lib/env";
import { pickVerifiedEmail } from "@/lib/auth/github";
import { findUserByEmail } from "@/lib/auth/data";
import { makeOwner } from "@/tests/factories";

let options: NextAuthOptions;

beforeAll(async () => {
  process.env.GITHUB_ID = "gh-id";
  process.env.GITHUB_SECRET = "gh-secret";
  resetEnvForTests();
  (globalThis as { __switchyardAuth?: unknown }).__switchyardAuth = undefined;
  options = await (await import("@/lib/auth/options")).authOptions();
});
afterAll(() => {
  delete process.env.GITHUB_ID;
  delete process.env.GITHUB_SECRET;
  resetEnvForTests();
  (globalThis as { __switchyardAuth?: unknown }).__switchyardAuth = undefined;
});

/** Runs the configured GitHub provider's profile pipeline and callbacks as next-auth would after OAuth. */
async function signInWithGitHub(publicEmail: string, emails: { email: string; primary: boolean; verified: boolean }[]) {
  const provider = options.providers.find((p) => p.id === "github") as OAuthConfig<Record<string, unknown>>;
  const request = (provider.userinfo as { request: (ctx: unknown) => Promise<Record<string, unknown>> }).request;
  vi.stubGlobal("fetch", async (url: string) => (url === "https://api.github.com/user/emails" ? Response.json(emails) : new Response(null, { status: 404 })));
  let raw: Record<string, unknown>;
  try {
    raw = await request({ client: { userinfo: async () => ({ id: 42, login: "mallory", email: publicEmail }) }, tokens: { access_token: "t" } });
  } finally {
    vi.unstubAllGlobals();
  }
  const user = provider.profile(raw as never, {} as never) as User;
  const account = { provider: "github", type: "oauth", providerAccountId: "42" } as Account;
  const allowed = await options.callbacks!.signIn!({ user, account, profile: raw as never });
  const token = allowed === true ? await options.callbacks!.jwt!({ token: {}, user, account, trigger: "signIn" }) : null;
  return { allowed, userId: token?.sub };
}

describe("GitHub sign-in", () => {
  it("picks the verified primary address, else another verified one, never an unverified one", () => {
    expect(pickVerifiedEmail([{ email: "a@x", primary: true, verified: false }, { email: "b@x", verified: true }])).toBe("b@x");
    expect(pickVerifiedEmail([{ email: "a@x", primary: true, verified: true }, { email: "b@x", verified: true }])).toBe("a@x");
    expect(pickVerifiedEmail([{ email: "a@x", primary: true, verified: false }])).toBeUndefined();
  });

  it("refuses to link an existing account through an address GitHub has not verified", async () => {
    const { user } = await makeOwner();
    const result = await signInWithGitHub(user.email, [{ email: user.email, primary: true, verified: false }]);
    expect(result).toEqual({ allowed: false, userId: undefined });
  });

  it("links an existing account through a verified address", async () => {
    const { user } = await makeOwner();
    const result = await signInWithGitHub("public@elsewhere.test", [{ email: user.email, primary: true, verified: true }]);
    expect(result).toEqual({ allowed: true, userId: user.id });
  });

  it("creates an account for a new verified address", async () => {
    const email = `new-${Date.now()}@example.test`;
    const result = await signInWithGitHub(email, [{ email, primary: true, verified: true }]);
    expect(result.allowed).toBe(true);
    expect(result.userId).toBe((await findUserByEmail(email))?.id);
  });
});
