// Publish notifications for the policy stream (lib/notify/channel.ts carries them between instances).
import { announce, announceInProcess, subscribe } from "@/lib/notify/channel";
import type { Prisma } from "@prisma/client";
import type { Sql } from "@/lib/db";

/** Calls `onChange(version)` whenever the team publishes, or changes what SDKs are served with it (NaN then); returns the unsubscribe function. */
export function subscribeToPolicy(teamId: string, onChange: (version: number) => void) {
  return subscribe(`policy:${teamId}`, (value) => onChange(Number(value)));
}

/** Inside the publishing transaction: every instance hears of it on commit. */
export const announcePublish = (tx: Sql, teamId: string, version: number) => announce(tx, `policy:${teamId}`, String(version));

/** After the commit, on the embedded database. */
export const announcePublishInProcess = (teamId: string, version: number) => announceInProcess(`policy:${teamId}`, String(version));

/** A change to what SDKs are served besides the policy (the content capture setting): streams send again. */
export const announceSdkSettings = (tx: Prisma.TransactionClient, teamId: string) => announce(tx, `policy:${teamId}`, "settings");
export const announceSdkSettingsInProcess = (teamId: string) => announceInProcess(`policy:${teamId}`, "settings");
