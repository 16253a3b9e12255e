// Publish notifications. Each server process keeps one subscriber list; a publish reaches the other
// processes on the same PostgreSQL through LISTEN/NOTIFY (sent in the publishing transaction, so it is
// delivered on commit), and the embedded database, which has one process, notifies in-process.
import { EventEmitter } from "node:events";
import pg from "pg";
import { env } from "@/lib/env";
import { pgConfig } from "@/prisma/adapters";

export const CHANNEL = "switchyard_policy";

type State = { emitter: EventEmitter; listener?: Promise<pg.Client | null> };
const store = globalThis as unknown as { __switchyardPolicyChanges?: State };

function state(): State {
  if (!store.__switchyardPolicyChanges) {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0); // one per connected SDK stream
    store.__switchyardPolicyChanges = { emitter };
  }
  return store.__switchyardPolicyChanges;
}

/** Starts LISTEN once per process on PostgreSQL; reconnects after a dropped connection. */
function ensureListening(s: State) {
  const url = env().DATABASE_URL;
  if (!url || s.listener) return;
  s.listener = (async () => {
    const client = new pg.Client(pgConfig(url));
    client.on("notification", (n) => {
      const [teamId, version] = (n.payload ?? "").split(":");
      if (teamId) s.emitter.emit(teamId, Number(version));
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

/** Calls `onChange(version)` whenever the team publishes; returns the unsubscribe function. */
export async function subscribeToPolicy(teamId: string, onChange: (version: number) => void) {
  const s = state();
  ensureListening(s);
  await s.listener;
  s.emitter.on(teamId, onChange);
  return () => s.emitter.off(teamId, onChange);
}

/** For the embedded database: tell this process's subscribers after the publish committed. */
export function notifyInProcess(teamId: string, version: number) {
  if (!env().DATABASE_URL) state().emitter.emit(teamId, version);
}
