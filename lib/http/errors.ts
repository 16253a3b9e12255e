// One error type for the whole app and one mapping to the wire shape { error: { code, message } }.
import { ZodError } from "zod";

export type ErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "invalid_json"
  | "validation_error"
  | "invalid_policy"
  | "policy_gate"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "internal";

export type Issue = { path: string; message: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const unauthorized = (message = "Missing or invalid API key.") => new AppError(401, "unauthorized", message);
export const forbidden = (message: string) => new AppError(403, "forbidden", message);
export const notFound = (message = "Not found.") => new AppError(404, "not_found", message);
export const conflict = (message: string, issues?: Issue[]) => new AppError(409, "conflict", message, issues);

/** A problem with one input field, named by its path ("email", "events.3.inputTokens"). */
export function invalidField(path: string, message: string, status = 400) {
  return new AppError(status, "validation_error", `${path}: ${message}`, [{ path, message }]);
}

export function issuesOf(error: ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(root)",
    message: i.message,
  }));
}

type ZodErrorOptions = { status?: number; code?: ErrorCode; prefix?: (string | number)[] };

/** Every zod issue as a path and message; `prefix` places the paths inside a larger body. */
export function fromZod(error: ZodError, where: string, { status = 400, code = "validation_error", prefix = [] }: ZodErrorOptions = {}) {
  const issues = issuesOf(error, prefix);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new AppError(status, code, `Invalid ${where}: ${summary}`, issues);
}

export function errorResponse(err: unknown): Response {
  const known = err instanceof AppError ? err : undefined;
  if (!known) console.error("[api] unexpected error", err);
  const status = known?.status ?? 500;
  const body = {
    error: {
      code: known?.code ?? "internal",
      message: known?.message ?? "Something went wrong on our side; the error has been logged.",
      ...(known?.issues ? { issues: known.issues } : {}),
    },
  };
  return Response.json(body, { status, headers: known?.headers });
}
