import crypto from "node:crypto";

// First path segments the app itself uses; a team may not take them.
const RESERVED = new Set(["api", "sign-in", "sign-up", "sign-out", "invite", "teams", "sdk", "_next", "settings", "favicon.ico"]);

export function slugify(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  if (!base || RESERVED.has(base)) return `team-${base || crypto.randomBytes(3).toString("hex")}`;
  return base;
}

/** Candidates in order: the slug itself, then numbered variants, then a random suffix. */
export function slugCandidates(name: string): string[] {
  const base = slugify(name);
  return [base, ...[2, 3, 4, 5].map((n) => `${base}-${n}`), `${base}-${crypto.randomBytes(3).toString("hex")}`];
}
