// Helpers of the API isolation suite: load every /api/v1 handler from the app folder, call one in process,
// and snapshot everything a team owns so "changed nothing" is a comparison, not a guess.
import fs from "node:fs";
import path from "node:path";
import type { KeyScope } from "@prisma/client";
import { db } from "@/lib/db";
import { findFiles, paramsOf, ROOT, toPath, urlSegments } from "@/tests/support/isolation-routes";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
type Params = Record<string, string | string[]>;
type Handler = (request: Request, ctx: { params: Promise<Params> }) => Promise<Response>;

export type ApiHandler = {
  /** e.g. "POST /api/v1/policy/rollback" (dynamic segments as in the file name). */
  name: string;
  file: string;
  method: Method;
  handler: Handler;
  /** Scopes declared with apiRoute({ scopes }) in the source; null when the handler is not built that way. */
  declaredScopes: KeyScope[] | null;
  catchAll: boolean;
  url: (fill: Fill) => { path: string; params: Params };
};
export type Fill = (name: string, catchAll: boolean) => string;

/** Every exported method handler of every route file under app/api/v1, imported as Next would. */
export async function loadApiHandlers(): Promise<ApiHandler[]> {
  const handlers: ApiHandler[] = [];
  for (const file of findFiles("app/api/v1", ["route.ts", "route.js"])) {
    const mod = (await import(path.join(ROOT, file))) as Partial<Record<Method, Handler>>;
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    const segments = urlSegments(file);
    const display = toPath(segments, (n, c) => `[${c ? "..." : ""}${n}]`);
    for (const method of METHODS) {
      const handler = mod[method];
      if (typeof handler !== "function") continue;
      const declared = new RegExp(`export\\s+const\\s+${method}\\s*=\\s*apiRoute\\(\\s*\\{\\s*scopes:\\s*\\[([^\\]]*)\\]`).exec(source);
      handlers.push({
        name: `${method} ${display}`,
        file,
        method,
        handler,
        declaredScopes: declared ? ([...declared[1].matchAll(/["'](\w+)["']/g)].map((m) => m[1]) as KeyScope[]) : null,
        catchAll: segments.some((s) => s.kind === "param" && s.catchAll),
        url: (fill) => ({ path: toPath(segments, fill), params: paramsOf(segments, fill) }),
      });
    }
  }
  return handlers;
}

/** Scopes per endpoint from the API table in docs/api.md: "ingest, admin", or "ingest (admin also allowed, ...)". */
export function documentedScopes(): Map<string, KeyScope[]> {
  const doc = fs.readFileSync(path.join(ROOT, "docs/api.md"), "utf8");
  const rows = new Map<string, KeyScope[]>();
  for (const m of doc.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/api\/v1\/[^`?\s]*)[^`]*` \| ([^|]+) \|/gm)) {
    const [plain, aside = ""] = m[3].split("(");
    const scopes = [...plain.split(","), ...[...aside.matchAll(/(\w+) also allowed/g)].map((a) => a[1])].map((s) => s.trim()).filter(Boolean);
    rows.set(`${m[1]} ${m[2]}`, scopes as KeyScope[]);
  }
  return rows;
}

export type Answer = { status: number; code?: string; text: string; allow: string | null; json?: any };

/** Calls a handler in process; an event stream is read up to its first chunk and then cancelled. */
export async function callHandler(h: ApiHandler, fill: Fill, opts: { auth?: string; query?: string; body?: unknown } = {}): Promise<Answer> {
  const { path: urlPath, params } = h.url(fill);
  const headers = new Headers();
  if (opts.auth !== undefined) headers.set("authorization", opts.auth);
  const hasBody = opts.body !== undefined && h.method !== "GET";
  if (hasBody) headers.set("content-type", "application/json");
  const abort = new AbortController();
  const request = new Request(`http://localhost${urlPath}${opts.query ?? ""}`, {
    method: h.method, headers, body: hasBody ? JSON.stringify(opts.body) : undefined, signal: abort.signal,
  });
  try {
    const res = await h.handler(request, { params: Promise.resolve(params) });
    const text = await readSome(res);
    let json: any;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: res.status, code: json?.error?.code, text, allow: res.headers.get("allow"), json };
  } finally {
    abort.abort(); // lets a stream handler unsubscribe, as when a client goes away
  }
}

async function readSome(res: Response) {
  if (!res.body || !(res.headers.get("content-type") ?? "").includes("text/event-stream")) return res.text();
  const reader = res.body.getReader();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no first event within 5 s")), 5_000));
  const { value } = await Promise.race([reader.read(), timeout]);
  await reader.cancel();
  return new TextDecoder().decode(value);
}

/**
 * Every row the team owns, as sorted JSON text: the Team row, its members' users, and every table with a
 * teamId or teamSeq column (found in the catalog, so a new team-owned table is compared too).
 */
export async function snapshotTeam(teamId: string): Promise<string> {
  const q = <T>(sql: string, ...params: unknown[]) => db().$queryRawUnsafe<T[]>(sql, ...params);
  const [team] = await q<{ seq: number }>(`SELECT "seq" FROM "Team" WHERE "id" = $1`, teamId);
  const columns = await q<{ table_name: string; column_name: string }>(
    `SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name IN ('teamId', 'teamSeq') ORDER BY table_name`,
  );
  const parts: string[] = [];
  const add = async (label: string, sql: string, param: unknown) =>
    parts.push(`${label}:\n${(await q<{ j: string }>(sql, param)).map((r) => r.j).sort().join("\n")}`);
  await add("Team", `SELECT row_to_json(t)::text AS j FROM "Team" t WHERE "id" = $1`, teamId);
  await add("User", `SELECT row_to_json(u)::text AS j FROM "User" u JOIN "Membership" m ON m."userId" = u."id" WHERE m."teamId" = $1`, teamId);
  for (const { table_name: table, column_name: column } of columns) {
    await add(table, `SELECT row_to_json(t)::text AS j FROM "${table}" t WHERE "${column}" = $1`, column === "teamId" ? teamId : team.seq);
  }
  return parts.join("\n\n");
}
