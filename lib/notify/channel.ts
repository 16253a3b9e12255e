// Notifications between server processes: a policy publish, an API key revoked. Each process keeps one
// emitter; on PostgreSQL a notification travels through LISTEN/NOTIFY (sent inside the writing
// transaction, so it is delivered on commit) to every instance on the same database; the embedded
// database has one process, which is told in-process after the commit.
import { EventEmitter } from "node:events";
import pg from "pg";
import { env } from "@/lib/env";
import type { Prisma } from "@prisma/client";
import type { Sql } from "@/lib/db";
import { pgConfig } from "@/prisma/adapters";

export const CHANNEL = "switchyard_events";

/** What can be announced: a team's new policy version, a key that no longer works. */
export type Topic = `policy:${string}` | `key-revoked:${string}`;

type State = { emitter: EventEmitter; listener?: Promise<pg.Client | null> };
const store = globalThis as unknown as { __switchyardChannel?: State };

function state(): State {
  if (!store.__switchyardChannel) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one per connected SDK stream
    store.__switchyardChannel = { emitter };
  }
  return store.__switchyardChannel;
}

/** Starts LISTEN once per process on PostgreSQL; reconnects after a dropped connection. */
function ensureListening(s: State) {
  const url = env().DATABASE_URL;
  if (!url || s.listener) return;
  s.listener = (async () => {
    const client = new pg.Client(pgConfig(url));
    client.on("notification", (n) => {
      // Payload "<topic>|<value>"; topics hold no "|" (ids and team ids are generated).
      const [topic, value] = (n.payload ?? "").split("|");
      if (topic) s.emitter.emit(topic, value ?? "");
    });
    client.on("error", () => {
      s.listener = undefined;
      setTimeout(() => ensureListening(s), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    return client;
  })().catch(() => {
    s.listener = undefined;
    return null;
  });
}

/** Calls `listener(value)` on every notification of `topic`; returns the unsubscribe function. */
export async function subscribe(topic: Topic, listener: (value: string) => void) {
  const s = state();
  ensureListening(s);
  await s.listener;
  s.emitter.on(topic, listener);
  return () => s.emitter.off(topic, listener);
}

/**
 * Announces `topic` from inside a transaction: to other instances on commit (PostgreSQL). Call
 * `announceInProcess` after the commit for this process on the embedded database.
 */
export async function announce(tx: Sql | Prisma.TransactionClient, topic: Topic, value: string) {
  // "IS NULL": pg_notify returns void, which the Prisma adapters cannot read back.
  const sql = `SELECT pg_notify($1, $2) IS NULL AS "sent"`;
  const params = [CHANNEL, `${topic}|${value}`];
  if ("query" in tx) await tx.query(sql, params);
  else await tx.$queryRawUnsafe(sql, ...params);
}

/** For the embedded database (one process, no LISTEN connection): tell this process's subscribers. */
export function announceInProcess(topic: Topic, value: string) {
  if (!env().DATABASE_URL) state().emitter.emit(topic, value);
}
