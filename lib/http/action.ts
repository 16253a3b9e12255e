// Server actions report problems as state for the form, never as a crash: AppError and zod issues
// become a code, a message and per-field errors; anything else is logged and reported generically.
// The code is the API's (lib/http/errors.ts), so the UI branches on it, never on the message's words.
import { toStorable } from "@switchyard/sdk";
import { z } from "zod";
import { AppError, issuesOf, type ErrorCode } from "@/lib/http/errors";

export type ActionState<T = void> = {
  ok?: boolean;
  code?: ErrorCode;
  error?: string;
  fieldErrors?: Record<string, string>;
  data?: T;
};

export function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.output<S> {
  // NUL cannot be stored; a form value carrying one is cleaned like any free text (an id then matches nothing).
  const values = Object.fromEntries(
    [...form.entries()].filter(([k]) => !k.startsWith("$ACTION")).map(([k, v]) => [k, typeof v === "string" ? toStorable(v) : v]),
  );
  const result = schema.safeParse(values);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new AppError("validation_error", issues[0].message, issues);
  }
  return result.data;
}

/** Runs the body; rethrows Next's control-flow errors (redirect, notFound) so they still work. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionState<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    if (err instanceof AppError) {
      const fieldErrors = Object.fromEntries((err.issues ?? []).map((i) => [i.path, i.message]));
      const message = err.code === "validation_error" && err.issues?.length ? err.issues[0].message : err.message;
      return { ok: false, code: err.code, error: message, fieldErrors };
    }
    if (isNextControlFlow(err)) throw err;
    console.error("[action] unexpected error", err);
    return { ok: false, code: "internal", error: "Something went wrong on our side; please try again." };
  }
}

function isNextControlFlow(err: unknown) {
  const digest = (err as { digest?: unknown })?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}
