// What the isolation suites probe, found on the file system rather than listed by hand, so a route, page or
// server action is covered the day it is added. Shared by vitest and Playwright: node built-ins only, no
// path aliases. Both runners start in the repository root.
import fs from "node:fs";
import path from "node:path";

export const ROOT = process.cwd();

export type Segment = { kind: "static"; value: string } | { kind: "param"; name: string; catchAll: boolean };

/** Files under `dir` (relative to the root) whose name is one of `names`, recursively, sorted. */
export function findFiles(dir: string, names: string[]): string[] {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((rel) => names.includes(path.basename(rel)))
    // `_folder`s are private in the App Router: nothing in them is routable.
    .filter((rel) => !rel.split(path.sep).some((part) => part.startsWith("_")))
    .map((rel) => path.join(dir, rel).split(path.sep).join("/"))
    .sort();
}

/**
 * The URL segments of a page or route file under app/. Route groups `(name)` and slots `@name` do not appear
 * in URLs, so files moved into or out of a group keep their URL here as in Next.
 */
export function urlSegments(file: string): Segment[] {
  return path.posix
    .dirname(path.posix.relative("app", file))
    .split("/")
    .filter((part) => part && part !== "." && !/^\(.*\)$/.test(part) && !part.startsWith("@"))
    .map((part): Segment => {
      const m = /^\[{1,2}(\.\.\.)?([^\]]+)\]{1,2}$/.exec(part);
      return m ? { kind: "param", name: m[2], catchAll: Boolean(m[1]) } : { kind: "static", value: part };
    });
}

/** The URL path of `segments`, with each dynamic segment filled by `fill` (already URL-encoded by it). */
export function toPath(segments: Segment[], fill: (name: string, catchAll: boolean) => string) {
  return `/${segments.map((s) => (s.kind === "static" ? s.value : fill(s.name, s.catchAll))).join("/")}`;
}

/** The params object a route handler receives, as Next builds it (catch-all segments are arrays). */
export function paramsOf(segments: Segment[], fill: (name: string, catchAll: boolean) => string) {
  const params: Record<string, string | string[]> = {};
  for (const s of segments) if (s.kind === "param") params[s.name] = s.catchAll ? [fill(s.name, true)] : fill(s.name, false);
  return params;
}

export type ServerAction = { file: string; name: string; params: string[]; source: string };

const stripComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");

/**
 * Every exported function of every "use server" module under lib/ and app/: each one is a server action
 * that anyone can call over HTTP with arguments of their choosing. Throws on an export it cannot read,
 * so an action written in another style is not silently left out.
 */
export function findServerActions(dirs = ["lib", "app"]): ServerAction[] {
  const actions: ServerAction[] = [];
  for (const dir of dirs) {
    for (const file of listSources(dir)) {
      const source = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (!/^["']use server["']/.test(stripComments(source).trimStart())) continue;
      const exportsFound = source.match(/^export\s+(?!type\s|interface\s)/gm)?.length ?? 0;
      const fns = [...source.matchAll(/^export\s+async\s+function\s+(\w+)\s*\(/gm)];
      if (fns.length !== exportsFound) throw new Error(`${file}: ${exportsFound} exports but ${fns.length} "export async function"s; teach tests/support/isolation-routes.ts the other form`);
      for (const m of fns) {
        const open = m.index! + m[0].length;
        const close = matchingParen(source, open - 1);
        const params = splitTopLevel(source.slice(open, close)).map((p) => /^\s*(?:\.\.\.)?(\w+)/.exec(p)?.[1] ?? p.trim()).filter(Boolean);
        const next = source.slice(close).search(/^export\s/m);
        actions.push({ file, name: m[1], params, source: source.slice(m.index!, next < 0 ? undefined : close + next) });
      }
    }
  }
  return actions;
}

function listSources(dir: string) {
  return (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((rel) => /\.(ts|tsx|js|mjs)$/.test(rel) && !/\.test\.tsx?$/.test(rel))
    .map((rel) => path.join(dir, rel).split(path.sep).join("/"))
    .sort();
}

function matchingParen(text: string, at: number) {
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  throw new Error("unbalanced parentheses");
}

function splitTopLevel(text: string) {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ("(<{[".includes(text[i])) depth++;
    else if (")>}]".includes(text[i]) && text[i - 1] !== "=") depth--;
    else if (text[i] === "," && depth === 0) parts.push(text.slice(start, i)), (start = i + 1);
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim());
}

/** The first call the action awaits: the session gate must come before anything reads or writes. */
export function firstAwaitedCall(action: ServerAction) {
  return /await\s+([\w.]+)\s*\(/.exec(action.source)?.[1] ?? null;
}
