// Request plumbing for tests/integration/fuzz.integration.test.ts: teams with a key of each scope, and
// send(), which makes one request and checks what must hold for every answer of the API.
import { gzipSync } from "node:zlib";
import { expect } from "vitest";
import { db } from "@/lib/db";
import { ERROR_STATUS, type ErrorCode } from "@/lib/http/errors";
import { apiRequest, makeKey, makeOwner } from "@/tests/factories";

export type Handler = (request: Request) => Response | Promise<Response>;
export type Req = { method?: string; key?: string; json?: unknown; raw?: string | Uint8Array<ArrayBuffer>; gzip?: boolean; headers?: Record<string, string> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Answer = { status: number; json: any; headers: Headers };

let sent = 0;
/** How many requests the test file has made so far (send counts its own; count others with countRequest). */
export const requestCount = () => sent;
export const countRequest = () => void (sent += 1);
export const KEY_SCOPES = ["ingest", "read", "admin"] as const;
export type Team = { id: string; seq: number; owner: string } & Record<(typeof KEY_SCOPES)[number], string>;

export async function makeTeam(): Promise<Team> {
  const { user, team } = await makeOwner();
  const [ingestKey, read, admin] = await Promise.all(KEY_SCOPES.map((scope) => makeKey(team.id, scope)));
  const { seq } = await db().team.findUniqueOrThrow({ where: { id: team.id } });
  return { id: team.id, seq, owner: user.id, ingest: ingestKey.secret, read: read.secret, admin: admin.secret };
}

/** The documented error shape: `{ error: { code, message, issues? } }`, the status its code maps to. */
export function checkError(status: number, json: Answer["json"], what: string) {
  expect(Object.keys(json ?? {}), what).toEqual(["error"]);
  const { code, message, issues } = json.error;
  expect(Object.keys(ERROR_STATUS), what).toContain(code);
  expect(status, what).toBe(ERROR_STATUS[code as ErrorCode]);
  expect(typeof message === "string" && message.length > 0, what).toBe(true);
  if (code === "validation_error" || code === "invalid_policy") {
    expect(Array.isArray(issues) && issues.length > 0, what).toBe(true);
    for (const i of issues) expect(typeof i.path === "string" && i.path.length > 0 && typeof i.message === "string", what).toBe(true);
  }
}

/** Sends one request and checks what holds for every answer; 304 only where the caller allows it. */
export async function send(handler: Handler, path: string, req: Req, allow304 = false): Promise<Answer> {
  countRequest();
  const method = req.method ?? "POST";
  const text = req.raw ?? (req.json === undefined ? undefined : JSON.stringify(req.json));
  const body = method === "GET" || text === undefined ? undefined : req.gzip && req.raw === undefined ? new Uint8Array(gzipSync(text)) : text;
  const headers = { ...req.headers, ...(req.gzip ? { "content-encoding": "gzip" } : {}) };
  const res = await handler(apiRequest(path, req.key, { method, body, headers }));
  const answer = await res.text();
  const what = `${method} ${path} answered ${res.status}: ${answer.slice(0, 400)}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status === 304 && allow304) return { status: 304, json: null, headers: res.headers };
  const json = JSON.parse(answer);
  if (res.status >= 300) checkError(res.status, json, what);
  return { status: res.status, json, headers: res.headers };
}

/** Some issue names `path` itself or a field inside it. */
export const names = (res: Answer, path: string) => res.json.error.issues.some((i: { path: string }) => i.path === path || i.path.startsWith(`${path}.`));
/** Percent-encodes every UTF-8 byte, so any text (lone surrogates become U+FFFD) survives a URL. */
export const pct = (s: string) => [...Buffer.from(s, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");
