import type { Metadata } from "next";
import { RenameTeamForm } from "@/components/settings/rename-team-form";
import { Card } from "@/components/ui/card";
import { canRenameTeam } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  return (
    <Card title="Team">
      <RenameTeamForm slug={slug} name={team.name} canEdit={canRenameTeam(role)} />
    </Card>
  );
}
