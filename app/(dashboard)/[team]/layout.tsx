import { AppShell } from "@/components/shell/app-shell";
import { requireTeam } from "@/lib/auth/session";
import { listTeamsForUser } from "@/lib/teams/data";

export const dynamic = "force-dynamic";

export default async function TeamLayout({ children, params }: { children: React.ReactNode; params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const ctx = await requireTeam(slug);
  const teams = await listTeamsForUser(ctx.user.id);
  return (
    <AppShell slug={slug} teams={teams} user={ctx.user} role={ctx.role}>
      {children}
    </AppShell>
  );
}
