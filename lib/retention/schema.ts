// Retention settings (contracts §13's PATCH /api/v1/settings, Settings → General): raw calls kept
// `retentionDays`, content alone possibly shorter.
import { z } from "zod";

export const DEFAULT_RETENTION_DAYS = 90;
const days = z.number({ message: "must be a whole number of days" }).int("must be a whole number of days").min(1, "must be at least 1 day").max(3650, "must be at most 3650 days");

export const retentionSchema = z.object({ retentionDays: days, contentRetentionDays: days.nullable() }).partial();
export type Retention = z.output<typeof retentionSchema>;

/** Content can be kept shorter than calls, never longer (it goes with its call). */
export function retentionIssues(next: { retentionDays: number; contentRetentionDays: number | null }) {
  return next.contentRetentionDays !== null && next.contentRetentionDays > next.retentionDays
    ? [{ path: "contentRetentionDays", message: `must be at most the days calls are kept (retentionDays, ${next.retentionDays})` }]
    : [];
}
