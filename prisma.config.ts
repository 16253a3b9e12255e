// Prisma CLI configuration (generate, migrate dev). The server does not use this file: it applies the
// SQL migrations itself at start (lib/db/migrate.ts).
import path from "node:path";
import { defineConfig } from "prisma/config";
import { openPGlite, pgliteAdapter, pgMigrateAdapter } from "./prisma/adapters";

const url = process.env.DATABASE_URL;
// The schema's env("DATABASE_URL") must resolve, or Prisma 6 falls back to a downloaded engine.
process.env.DATABASE_URL ??= "postgresql://embedded-pglite/unused";

// The CLI calls adapter() more than once per command; two PGlite instances on one directory corrupt it.
const memo = globalThis as unknown as { __pgliteAdapter?: ReturnType<typeof pgliteAdapter>; __timersUnref?: boolean };

// PGlite's repeating 10 s timer and the WASM schema engine's 60 s timer would keep the CLI running after
// it has finished; in the CLI nothing else needs them to hold the process open.
function unrefLongTimers() {
  if (memo.__timersUnref) return;
  memo.__timersUnref = true;
  const original = globalThis.setTimeout;
  globalThis.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
    const timer = original(fn, ms, ...rest);
    if ((ms ?? 0) >= 10_000) (timer as unknown as NodeJS.Timeout).unref();
    return timer;
  }) as typeof setTimeout;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (url?.startsWith("postgres")) return pgMigrateAdapter(url);
    unrefLongTimers();
    const dir = path.resolve(process.env.SWITCHYARD_DATA_DIR ?? ".switchyard", "cli-pglite");
    return (memo.__pgliteAdapter ??= pgliteAdapter(openPGlite(dir)));
  },
});
