// One error type for the whole app and one mapping to the wire shape { error: { code, message } }.
import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/lib/db-errors";

/** Every error code and the HTTP status it always answers with: one table for the API and the actions. */
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  policy_gate: 409,
  payload_too_large: 413,
  invalid_policy: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type Issue = { path: string; message: string };

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const unauthorized = (message = "Missing or invalid API key.") => new AppError("unauthorized", message);
export const forbidden = (message: string) => new AppError("forbidden", message);
export const notFound = (message = "Not found.") => new AppError("not_found", message);
export const conflict = (message: string, issues?: Issue[]) => new AppError("conflict", message, issues);
export const tooLarge = (message: string) => new AppError("payload_too_large", message);

/** A problem with one input field, named by its path ("email", "events.3.inputTokens"). */
export function invalidField(path: string, message: string) {
  return new AppError("validation_error", `${path}: ${message}`, [{ path, message }]);
}

export function issuesOf(error: ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join(".") || "(root)",
    message: i.message,
  }));
}

type ZodErrorOptions = { code?: ErrorCode; prefix?: (string | number)[] };

/** Every zod issue as a path and message; `prefix` places the paths inside a larger body. */
export function fromZod(error: ZodError, where: string, { code = "validation_error", prefix = [] }: ZodErrorOptions = {}) {
  const issues = issuesOf(error, prefix);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  return new AppError(code, `Invalid ${where}: ${summary}`, issues);
}

const RETRY_AFTER_UNAVAILABLE_S = 2;

export function errorResponse(err: unknown): Response {
  if (!(err instanceof AppError) && isDatabaseUnavailable(err)) {
    console.error("[api] database unavailable", (err as Error)?.message);
    err = new AppError("unavailable", "The database is not reachable right now; retry shortly.", undefined, { "Retry-After": String(RETRY_AFTER_UNAVAILABLE_S) });
  }
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
