import { DEFAULT_POLICY, type Policy } from "@switchyard/sdk";
import { db } from "@/lib/db";
import type { TeamId } from "@/lib/auth/team-id";

export type PublishedPolicy = { version: number; publishedAt: Date | null; policy: Policy };

/** The policy in force: the highest published version, or version 0 with the default policy. */
export async function getPublishedPolicy(teamId: TeamId): Promise<PublishedPolicy> {
  const latest = await db().policyVersion.findFirst({ where: { teamId }, orderBy: { version: "desc" } });
  if (!latest) return { version: 0, publishedAt: null, policy: DEFAULT_POLICY };
  return { version: latest.version, publishedAt: latest.publishedAt, policy: latest.policy as Policy };
}
