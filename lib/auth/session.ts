// The session gate for pages and server actions: who is signed in, and which team they may act on.
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/options";
import { findUserById } from "@/lib/auth/data";
import { checkedTeamId, type TeamId } from "@/lib/auth/team-id";
import { findMembershipBySlug } from "@/lib/teams/data";

export async function getCurrentUser() {
  const session = await getServerSession(await authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  // A token can outlive its user (deleted account, reset database): treat it as signed out.
  return id ? findUserById(id) : null;
}

export async function requireUser(callbackUrl?: string) {
  const user = await getCurrentUser();
  if (!user) redirect(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  return user;
}

export type TeamContext = {
  user: { id: string; email: string; name: string | null };
  team: { id: TeamId; name: string; slug: string; timeZone: string; retentionDays: number; captureContent: boolean };
  role: import("@prisma/client").Role;
};

/** A member's view of a team. Anyone else gets a 404, so team names do not leak. */
export async function requireTeam(slug: string): Promise<TeamContext> {
  const user = await requireUser(`/${slug}`);
  const membership = await findMembershipBySlug(user.id, slug);
  if (!membership) notFound();
  return { user, team: { ...membership.team, id: checkedTeamId(membership.team.id) }, role: membership.role };
}
