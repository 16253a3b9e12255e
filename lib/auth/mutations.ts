import crypto from "node:crypto";
import { db, isUniqueViolation } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { hashPassword } from "@/lib/auth/password";
import { insertTeam } from "@/lib/teams/mutations";

function personalTeamName(name: string | undefined, email: string) {
  return `${name?.trim() || email.split("@")[0]}'s team`;
}

type NewUser = { email: string; password?: string; name?: string; teamName?: string };

/** Creates a user and their first team (personal unless named). A taken email is a field error, not a crash. */
export async function createUser(input: NewUser) {
  const email = input.email.toLowerCase();
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name: input.name || null, passwordHash } });
      const team = await insertTeam(tx, user.id, input.teamName ?? personalTeamName(input.name, email));
      return { user: { id: user.id, email: user.email, name: user.name }, team };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const message = "An account with this email already exists. Sign in instead.";
      throw new AppError("conflict", message, [{ path: "email", message }]);
    }
    throw err;
  }
}

export const newSessionSecret = () => crypto.randomBytes(32).toString("base64url");
