// The one wrapper for every /api/v1 handler: API-key auth and scope, zod-checked query and body, and
// every failure mapped to { error: { code, message } }.
import type { KeyScope } from "@prisma/client";
import type { z } from "zod";
import { authenticateApiKey, type KeyAuth } from "@/lib/auth/api-keys";
import { readJson } from "@/lib/http/body";
import { AppError, errorResponse, forbidden, fromZod } from "@/lib/http/errors";

type Options<B extends z.ZodType | undefined, Q extends z.ZodType | undefined, P extends z.ZodType | undefined> = {
  /** Key scopes allowed to call this route. */
  scopes: KeyScope[];
  body?: B;
  query?: Q;
  /** The route's dynamic segments (e.g. `[version]`), checked like the query. */
  params?: P;
  /** Runs after the key check and before the body is read (rate limits). */
  beforeBody?: (auth: KeyAuth) => void | Promise<void>;
};

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

type Context<B, Q, P> = KeyAuth & { request: Request; body: Parsed<B>; query: Parsed<Q>; params: Parsed<P> };

export function apiRoute<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, P extends z.ZodType | undefined = undefined>(
  options: Options<B, Q, P>,
  handler: (ctx: Context<B, Q, P>) => Promise<Response | object>,
) {
  return async (request: Request, route?: { params: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    try {
      const auth = await authenticateApiKey(request.headers.get("authorization"));
      if (!options.scopes.includes(auth.scope)) {
        throw forbidden(`This endpoint needs a key with scope ${options.scopes.join(" or ")}; this key has scope ${auth.scope}.`);
      }
      await options.beforeBody?.(auth);
      const params = options.params ? parse(options.params, (await route?.params) ?? {}, "path") : undefined;
      const query = options.query ? parse(options.query, queryObject(request), "query") : undefined;
      const body = options.body ? parse(options.body, await readJson(request), "body") : undefined;
      const result = await handler({ ...auth, request, body: body as Parsed<B>, query: query as Parsed<Q>, params: params as Parsed<P> });
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

function queryObject(request: Request) {
  return Object.fromEntries(new URL(request.url).searchParams);
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZod(result.error, where);
  return result.data;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/**
 * Handlers for the methods a route does not serve: 405 in the API's error shape with `Allow` (Next's own
 * 405 has an empty body). `export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);`
 */
export function otherMethods(served: Method[]): Record<Method, (request: Request) => Promise<Response>> {
  const allow = served.join(", ");
  const handler = async (request: Request) =>
    errorResponse(new AppError("method_not_allowed", `${request.method} is not allowed here; use ${allow}.`, undefined, { Allow: allow }));
  return Object.fromEntries(METHODS.map((m) => [m, handler])) as Record<Method, typeof handler>;
}
