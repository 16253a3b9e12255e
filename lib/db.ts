// The Prisma client: embedded PGlite when DATABASE_URL is unset, else PostgreSQL. One client (and one
// PGlite per data directory) per process, kept on globalThis so Next's separate bundles share it.
import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { openPGlite, pgConfig, pgliteAdapter } from "@/prisma/adapters";
import { env } from "@/lib/env";

type Handle = { key: string; prisma: PrismaClient; pglite?: PGlite };
const store = globalThis as unknown as { __switchyardDb?: Handle };

function connectionKey() {
  const e = env();
  return e.DATABASE_URL ?? `pglite:${e.pgliteDir}`;
}

function open(): Handle {
  const e = env();
  const key = connectionKey();
  if (e.DATABASE_URL) {
    const adapter = new PrismaPg({ ...pgConfig(e.DATABASE_URL), max: 10 });
    return { key, prisma: new PrismaClient({ adapter }) };
  }
  const pglite = openPGlite(e.pgliteDir);
  return { key, prisma: new PrismaClient({ adapter: pgliteAdapter(pglite) }), pglite };
}

function handle(): Handle {
  const current = store.__switchyardDb;
  if (current && current.key === connectionKey()) return current;
  store.__switchyardDb = open();
  return store.__switchyardDb;
}

export function db(): PrismaClient {
  return handle().prisma;
}

/** The embedded database, for the migration runner; undefined on PostgreSQL. */
export function embeddedDb(): PGlite | undefined {
  return handle().pglite;
}

export async function closeDb() {
  const current = store.__switchyardDb;
  store.__switchyardDb = undefined;
  if (!current) return;
  await current.prisma.$disconnect();
  if (current.pglite && !current.pglite.closed) await current.pglite.close();
}

/**
 * A unique-constraint violation, however it surfaces: P2002 from the client, or the raw driver error
 * that the PGlite and pg adapters raise inside interactive transactions.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === "P2002";
  const cause = (err as { cause?: { kind?: string; code?: string } } | null)?.cause;
  return cause?.kind === "UniqueConstraintViolation" || cause?.code === "23505";
}
