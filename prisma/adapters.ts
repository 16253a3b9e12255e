// Prisma 6.19 driver adapters for both databases, shared by the Prisma CLI (prisma.config.ts) and the
// server (lib/db.ts). Each wrapper mends one problem seen on this stack; see the comments.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { lockDataDir } from "./data-dir-lock";

type RawQuery = { sql: string; args?: unknown[] };
type Adapter = { executeRaw(q: RawQuery): Promise<number>; dispose(): Promise<void> };

// Data directories to start in-memory databases from (PGlite's dumpDataDir). A fresh PGlite spends ~4 s in
// initdb on this machine; the integration tests start each file's database from one migrated copy instead.
const startingData = new Map<string, Blob>();

/** The next in-memory database opened at `dir` starts from `data` instead of an empty cluster. */
export function startPGliteFrom(dir: string, data: Blob) {
  if (!dir.startsWith("memory://")) throw new Error(`only an in-memory database starts from a dump, not ${dir}`);
  startingData.set(dir, data);
}

/** Opens a PGlite database in `dir` ("memory://..." keeps it in memory). PGlite will not create parents. */
export function openPGlite(dir: string): PGlite {
  if (!dir.startsWith("memory://")) {
    fs.mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    lockDataDir(dir);
  }
  const loadDataDir = startingData.get(dir);
  startingData.delete(dir);
  return new PGlite(dir, loadDataDir ? { loadDataDir } : undefined);
}

// The WASM schema engine sends whole migration scripts through executeRaw, which the PGlite adapter runs
// as one prepared statement; PGlite only accepts several statements through exec().
function runScriptsWithExec<A extends Adapter>(adapter: A, client: PGlite, closeOnDispose: boolean): A {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (q) => {
    const isScript = (!q.args || q.args.length === 0) && /;\s*\S/.test(q.sql);
    if (!isScript) return executeRaw(q);
    await client.exec(q.sql);
    return 0;
  };
  if (closeOnDispose) adapter.dispose = async () => { if (!client.closed) await client.close(); };
  return adapter;
}

export function pgliteAdapter(client: PGlite) {
  const factory = new PrismaPGlite(client);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWithExec((await connect()) as unknown as Adapter, client, false) as never;
  factory.connectToShadowDb = async () => {
    const shadow = new PGlite("memory://shadow");
    const adapter = await new PrismaPGlite(shadow).connect();
    return runScriptsWithExec(adapter as unknown as Adapter, shadow, true) as never;
  };
  return factory;
}

/** Connection fields from a postgres URL; passed as fields so the CLI's shadow database really is another one. */
export function pgConfig(url: string) {
  const u = new URL(url);
  return {
    // libpq's ?host= names a Unix socket directory (postgresql://user@localhost/db?host=/var/run/postgresql):
    // on one machine it spares every statement the loopback TCP stack.
    host: u.searchParams.get("host") || decodeURIComponent(u.hostname),
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || "postgres",
  };
}

// @prisma/adapter-pg 6.19 cannot deserialize the catalog types `name` (OID 19) and `char` (18) that the
// schema engine reads (prisma/orm#27403); reading them as text is lossless.
const CATALOG_AS_TEXT: Record<number, number> = { 19: 25, 18: 25 };

function readCatalogTypesAsText<A>(adapter: A): A {
  const a = adapter as unknown as { performIO(q: unknown): Promise<{ fields?: { dataTypeID: number }[] }> };
  const performIO = a.performIO.bind(a);
  a.performIO = async (q) => {
    const result = await performIO(q);
    for (const f of result.fields ?? []) f.dataTypeID = CATALOG_AS_TEXT[f.dataTypeID] ?? f.dataTypeID;
    return result;
  };
  return adapter;
}

/** The adapter the Prisma CLI uses on PostgreSQL (migrate dev / diff). */
export function pgMigrateAdapter(url: string) {
  // The CLI never ends its pool; a short idle timeout lets it exit.
  const factory = new PrismaPg({ ...pgConfig(url), idleTimeoutMillis: 200 });
  const connect = factory.connect.bind(factory);
  const shadow = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => readCatalogTypesAsText(await connect());
  factory.connectToShadowDb = async () => readCatalogTypesAsText(await shadow());
  return factory;
}
