// GitHub sign-in: an account is matched (or created) by e-mail, so the e-mail must be one GitHub has
// verified. GitHub's profile e-mail is whatever the user typed as public e-mail, verified or not, and
// next-auth's provider takes the primary address without looking at `verified`: we ask GitHub for the
// account's addresses ourselves and keep only a verified one, else none (and sign-in is refused).
type GitHubEmail = { email: string; primary?: boolean; verified?: boolean };

/** The primary address if GitHub verified it, else another verified one, else none. */
export function pickVerifiedEmail(emails: GitHubEmail[]): string | undefined {
  const verified = emails.filter((e) => e.verified === true && typeof e.email === "string");
  return (verified.find((e) => e.primary) ?? verified[0])?.email;
}

type UserinfoContext = { client: { userinfo(token: string): Promise<object> }; tokens: { access_token?: string } };

/** next-auth's `userinfo.request` for GitHub: the profile, with `email` replaced by a verified address or none. */
export function githubUserinfo(fetchFn?: typeof fetch) {
  return async ({ client, tokens }: UserinfoContext) => {
    const profile = await client.userinfo(tokens.access_token ?? "");
    const res = await (fetchFn ?? fetch)("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: "application/vnd.github+json" },
    });
    const emails = res.ok ? ((await res.json()) as GitHubEmail[]) : [];
    return { ...profile, email: Array.isArray(emails) ? pickVerifiedEmail(emails) : undefined };
  };
}
