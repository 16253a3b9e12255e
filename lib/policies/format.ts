import type { PublishedPolicy } from "@/lib/policies/data";

/** Contracts §5, plus `captureContent` (the team's setting) for SDKs that follow it. */
export function toPolicyResponse(p: PublishedPolicy & { captureContent: boolean }) {
  return { version: p.version, publishedAt: p.publishedAt?.toISOString() ?? null, policy: p.policy, captureContent: p.captureContent };
}
