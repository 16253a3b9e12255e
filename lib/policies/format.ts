import type { PublishedPolicy } from "@/lib/policies/data";

export function toPolicyResponse(p: PublishedPolicy) {
  return { version: p.version, publishedAt: p.publishedAt?.toISOString() ?? null, policy: p.policy };
}
