// Helpers of the e2e isolation suite: a team's pages and route handlers as found in the app folder, the
// build's server actions, an action invoked over HTTP the way Next's client does it, and what a team's
// owner sees (to tell whether anything changed).
import fs from "node:fs";
import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { findFiles, findServerActions, ROOT, toPath, urlSegments, type Segment, type ServerAction } from "./isolation-routes";

export type TeamRoute = { file: string; kind: "page" | "route"; segments: Segment[]; params: string[] };

/** Every page and route handler whose URL starts with the team slug, wherever route groups put the file. */
export function teamRoutes(): TeamRoute[] {
  return findFiles("app", ["page.tsx", "page.ts", "page.jsx", "page.js", "route.ts", "route.js"])
    .map((file) => ({ file, kind: /\/page\.\w+$/.test(file) ? ("page" as const) : ("route" as const), segments: urlSegments(file) }))
    .filter((r) => r.segments[0]?.kind === "param" && r.segments[0].name === "team")
    .map((r) => ({ ...r, params: r.segments.slice(1).flatMap((s) => (s.kind === "param" ? [s.name] : [])) }));
}

export type Ids = { call: string; trace: string; task: string; evaluator: string };

/** The URL of `route` for team `slug`, dynamic segments filled with that team's ids (encoded). */
export function urlFor(route: { segments: Segment[] }, slug: string, ids: Ids, raw?: string) {
  return toPath(route.segments, (name) => {
    if (name === "team") return slug;
    if (raw !== undefined) return raw; // a literal segment, e.g. a malformed percent-encoding
    const value = /trace/i.test(name) ? ids.trace : /task/i.test(name) ? ids.task : /evaluator/i.test(name) ? ids.evaluator : /^(id|callId)$/i.test(name) ? ids.call : undefined;
    if (value === undefined) throw new Error(`isolation suite: no id of the team for [${name}]; add one to urlFor`);
    return encodeURIComponent(value);
  });
}

export type BuiltAction = { id: string; filename: string; exportedName: string; workers: string[]; source?: ServerAction };

/**
 * The build's server actions (.next/server/server-reference-manifest.json maps each action id to its
 * module, export name and the pages whose bundles carry it), joined with the "use server" exports.
 */
export function builtActions(): { built: BuiltAction[]; unbuilt: ServerAction[] } {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  const sources = findServerActions();
  const built = Object.entries(manifest.node).map(([id, e]) => ({
    id, filename: e.filename, exportedName: e.exportedName, workers: Object.keys(e.workers),
    source: sources.find((s) => s.file === e.filename && s.name === e.exportedName),
  }));
  return { built, unbuilt: sources.filter((s) => !built.some((b) => b.source === s)) };
}

/** A page URL that carries the action (its bundle imports it), with `slug` for [team]. */
export function actionPageUrl(action: BuiltAction, slug: string) {
  const worker = action.workers.find((w) => w.includes("[team]")) ?? action.workers[0];
  return toPath(urlSegments(worker), (name) => (name === "team" ? slug : "x"));
}

/**
 * Calls a server action as React's client does (encodeReply): a JSON array of the arguments as a
 * text/plain body, or, when an argument is a FormData, a multipart body holding the form's own fields
 * prefixed "_1_" and then, last, field "0" with the array (the FormData as "$K1"). The order matters: the
 * server decodes "0" as soon as it arrives and reads the form's fields from what came before. Strings
 * starting with "$" would need escaping as "$$"; the arguments used here have none.
 */
export async function invokeAction(request: APIRequestContext, url: string, actionId: string, args: unknown[], origin: string) {
  const headers = { "next-action": actionId, accept: "text/x-component", origin };
  const at = args.findIndex((a) => a instanceof FormData);
  if (at < 0) {
    return request.post(url, { headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, data: JSON.stringify(args), maxRedirects: 0 });
  }
  const multipart = new FormData();
  for (const [k, v] of args[at] as FormData) multipart.append(`_1_${k}`, v);
  multipart.append("0", JSON.stringify(args.map((a, i) => (i === at ? "$K1" : a))));
  return request.post(url, { headers, multipart, maxRedirects: 0 });
}

/**
 * Status, where it sends the client and body of a response. A server action that redirects answers 200 with
 * the target in x-action-redirect ("/sign-in?callbackUrl=…;push"), not with Location.
 */
export async function answer(res: Awaited<ReturnType<APIRequestContext["get"]>>) {
  const h = res.headers();
  return { status: res.status(), location: h["location"] ?? h["x-action-redirect"] ?? "", text: await res.text() };
}

/**
 * What a team's owner sees on the pages that show the team's settings, members, keys, prices, policies and
 * calls: the text plus every form control's value (a team name or time zone lives in an input, not text).
 */
export async function ownerView(page: Page, slug: string) {
  const view: Record<string, string> = {};
  for (const suffix of ["/policies", "/evaluators", "/settings", "/settings/members", "/settings/api-keys", "/settings/models", "/calls", "/traces", "/tasks"]) {
    const res = await page.goto(`/${slug}${suffix}`);
    if (res?.status() !== 200) throw new Error(`${slug}${suffix} answered ${res?.status()} to its owner`);
    // React may reveal the streamed page a moment after "load": wait until the loading skeleton is gone.
    await expect(page.getByText("Loading…", { exact: true })).toHaveCount(0);
    view[suffix] = await page.locator("body").evaluate((body) =>
      [(body as HTMLElement).innerText, ...[...body.querySelectorAll<HTMLInputElement>("input, select, textarea")].map((i) => `${i.name}=${i.type === "checkbox" ? i.checked : i.value}`)].join("\n"));
  }
  return view;
}
