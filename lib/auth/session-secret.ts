// The instance's secret: NEXTAUTH_SECRET, else one generated once and kept in the database, so sessions
// survive restarts and every instance on one PostgreSQL agrees on it. It signs sessions (next-auth) and
// keys the encryption of secrets stored for the team (an LLM judge's API key: lib/evaluators/secret.ts).
import { env } from "@/lib/env";
import { newSessionSecret } from "@/lib/auth/mutations";
import { getOrCreateInstanceSetting } from "@/lib/instance/mutations";

export async function getSessionSecret() {
  return env().NEXTAUTH_SECRET ?? getOrCreateInstanceSetting("nextauth_secret", newSessionSecret);
}
