// next-auth configuration: email + password (credentials, JWT sessions) and GitHub when configured.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { env } from "@/lib/env";
import { findUserByEmail } from "@/lib/auth/data";
import { createUser } from "@/lib/auth/mutations";
import { getSessionSecret } from "@/lib/auth/session-secret";
import { githubUserinfo } from "@/lib/auth/github";
import { verifyPassword } from "@/lib/auth/password";
import { signInSchema } from "@/lib/auth/schema";

const memo = globalThis as unknown as { __switchyardAuth?: Promise<NextAuthOptions> };

async function authorizeCredentials(credentials: Record<string, string> | undefined) {
  const parsed = signInSchema.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const user = await findUserByEmail(parsed.data.email);
  if (!user?.passwordHash || !(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

/**
 * GitHub users are matched to accounts by e-mail; a new e-mail gets an account and a team. The e-mail is
 * one GitHub verified (githubUserinfo drops any other), so nobody signs in as an account by adding its
 * address, unverified, to their own GitHub account.
 */
export async function userIdForGitHub(email: string | null | undefined, name: string | null | undefined) {
  if (!email) return null;
  const existing = await findUserByEmail(email);
  if (existing) return existing.id;
  return (await createUser({ email, name: name ?? undefined })).user.id;
}

async function build(): Promise<NextAuthOptions> {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
  ];
  if (e.GITHUB_ID && e.GITHUB_SECRET) {
    // Set on the provider itself (not its options), so what next-auth runs is what the tests exercise.
    const github = GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET });
    providers.push({ ...github, userinfo: { url: "https://api.github.com/user", request: githubUserinfo() } });
  }
  return {
    secret: await getSessionSecret(),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== "github") return true;
        return (await userIdForGitHub(user.email, user.name)) !== null;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === "github") token.sub = (await userIdForGitHub(user?.email, user?.name)) ?? undefined;
        else if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}

export function authOptions(): Promise<NextAuthOptions> {
  // A failed build (database not reachable yet) is not cached: the next request tries again.
  memo.__switchyardAuth ??= build().catch((err: unknown) => {
    memo.__switchyardAuth = undefined;
    throw err;
  });
  return memo.__switchyardAuth;
}

export const githubEnabled = () => Boolean(env().GITHUB_ID && env().GITHUB_SECRET);
