"use server";
import { createUser } from "@/lib/auth/mutations";
import { signUpSchema } from "@/lib/auth/schema";
import { parseForm, runAction, type ActionState } from "@/lib/http/action";

/** Creates the account; the form then signs in through next-auth with the same credentials. */
export async function signUpAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    await createUser(parseForm(signUpSchema, form));
    return undefined;
  });
}
