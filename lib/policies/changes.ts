// Publish notifications for the policy stream (lib/notify/channel.ts carries them between instances).
import { announce, announceInProcess, subscribe } from "@/lib/notify/channel";
import type { Sql } from "@/lib/db";

/** Calls `onChange(version)` whenever the team publishes; returns the unsubscribe function. */
export function subscribeToPolicy(teamId: string, onChange: (version: number) => void) {
  return subscribe(`policy:${teamId}`, (value) => onChange(Number(value)));
}

/** Inside the publishing transaction: every instance hears of it on commit. */
export const announcePublish = (tx: Sql, teamId: string, version: number) => announce(tx, `policy:${teamId}`, String(version));

/** After the commit, on the embedded database. */
export const announcePublishInProcess = (teamId: string, version: number) => announceInProcess(`policy:${teamId}`, String(version));
