import type { PublishedPolicy } from "@/lib/policies/data";

/** Contracts §5, exactly. */
export function toPolicyResponse(p: PublishedPolicy) {
  return { version: p.version, publishedAt: p.publishedAt?.toISOString() ?? null, policy: p.policy };
}

/**
 * What SDKs are told besides the policy (the team's content capture setting), kept out of §5's JSON: a
 * header on GET /api/v1/policy (on 304s too, so a polling SDK hears of a change without a new version) and
 * an `event: settings` on the stream, which SSE clients that do not know it skip.
 */
export const SDK_SETTINGS_HEADER = "X-Switchyard-Capture-Content";
export const sdkSettingsEvent = (captureContent: boolean) => `event: settings\ndata: ${JSON.stringify({ captureContent })}\n\n`;
