import { AppShell } from "@/components/shell/app-shell";
import { requireTeam } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/data";
import { SeedingBanner } from "@/components/shell/seeding-banner";
import { getDemoProgress } from "@/lib/demo/progress";
import { countUnreadFirings } from "@/lib/alerts/data";

export const dynamic = "force-dynamic";

export default async function TeamLayout({ children, params }: { children: React.ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const ctx = await requireTeam(slug);
  const [teams, seeding, unread] = await Promise.all([
    listTeamsForUser(ctx.user.id), getDemoProgress(ctx.team.id), countUnreadFirings(ctx.team.id),
  ]);
  return (
    <AppShell slug={slug} teams={teams} user={ctx.user} role={ctx.role} unread={unread}>
      {seeding && <SeedingBanner progress={seeding} />}
      {children}
    </AppShell>
  );
}
