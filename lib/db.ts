// The Prisma client: embedded PGlite when DATABASE_URL is unset, else PostgreSQL. One client (and one
// PGlite per data directory) per process, kept on globalThis so Next's separate bundles share it.
import { Prisma, PrismaClient } from "@prisma/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { openPGlite, pgConfig, pgliteAdapter } from "@/prisma/adapters";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/db-errors";

type Handle = { key: string; prisma: PrismaClient; pglite?: PGlite; pool?: pg.Pool };
const store = globalThis as unknown as { __switchyardDb?: Handle };

function connectionKey() {
  const e = env();
  return e.DATABASE_URL ?? `pglite:${e.pgliteDir}`;
}

function open(): Handle {
  const e = env();
  const key = connectionKey();
  if (e.DATABASE_URL) {
    // JIT off: the app's queries are short index reads, and the planner's estimates over a large Call table
    // made PostgreSQL spend 60-70 ms compiling a query that runs in 10-200 ms (measured on 10M calls).
    const pool = new pg.Pool({ ...pgConfig(e.DATABASE_URL), max: 10, options: "-c jit=off" });
    // An idle connection the server closed (restart, failover) is an event, not a crash of this process.
    pool.on("error", (err) => console.error("[db] idle connection lost:", err.message));
    return { key, prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
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
  if (current.pool && !current.pool.ended) await current.pool.end();
  if (current.pglite && !current.pglite.closed) await current.pglite.close();
}

/**
 * `copyFrom`: rows into a table through COPY ... FROM STDIN, as COPY's text format (lib/ingest/sql.ts copyText):
 * PostgreSQL reads that with ~40% less CPU than the same rows as arrays unpacked by unnest (measured on 1,000 calls).
 */
export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  copyFrom(table: string, columns: string[], text: string): Promise<void>;
};

const copyStatement = (table: string, columns: string[], source: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;

/**
 * A transaction for the bulk statements of the ingest path, on the same database and connections as
 * Prisma but without its raw-query layer, which costs more than the statement itself at this size
 * (measured: a 1,000-row, 31-column insert takes 35 ms through $executeRawUnsafe, 13 ms through pg).
 * Read int8 columns as ::text (pg and PGlite map them differently). Do not call Prisma inside `work`:
 * PGlite runs one transaction at a time, so that would wait forever.
 */
export async function sqlTransaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
  const { pglite, pool } = handle();
  if (pglite) {
    return pglite.transaction((tx) => work({
      query: async (text, params) => (await tx.query(text, params)).rows as never,
      // PGlite reads COPY's input from a blob it names /dev/blob.
      copyFrom: async (table, columns, text) => void (await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) })),
    }));
  }
  const client = await pool!.connect();
  // A connection dropped between two statements is reported as an event; without a listener it would
  // crash the process. The next statement fails with it, which rolls back and answers 503.
  const onError = (err: Error) => console.error("[db] connection lost in a transaction:", err.message);
  client.on("error", onError);
  let failure: unknown;
  try {
    await client.query("BEGIN");
    const result = await work({
      query: async (text, params) => (await client.query(text, params)).rows,
      copyFrom: (table, columns, text) => pipeline(Readable.from([text]), client.query(copyFrom(copyStatement(table, columns, "STDIN")))),
    });
    await client.query("COMMIT");
    return result;
  } catch (err) {
    failure = err;
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.off("error", onError);
    // A connection the database dropped must not go back to the pool.
    client.release(failure !== undefined && isDatabaseUnavailable(failure) ? (failure as Error) : undefined);
  }
}

/**
 * A unique-constraint violation, however it surfaces: P2002 from the client, the raw driver error that
 * the PGlite and pg adapters raise inside interactive transactions, or pg's own error.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientKnownRequestError) return err.code === "P2002";
  const e = err as { code?: string; cause?: { kind?: string; code?: string } } | null;
  return e?.code === "23505" || e?.cause?.kind === "UniqueConstraintViolation" || e?.cause?.code === "23505";
}
