import type { Metadata } from "next";
import { headers } from "next/headers";
import { InstallGuide } from "@/components/install/install-guide";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageKeys } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { loadLatestCallSummary } from "@/lib/ingest/loaders";

export const metadata: Metadata = { title: "Install the SDK" };

export default async function InstallPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000"}`;
  const initial = await loadLatestCallSummary(team.id);
  return (
    <>
      <PageHeader title="Install the SDK" description="Wrap your OpenAI client: every call is logged in the background and model “auto” is routed by your published policy." />
      <Card>
        <InstallGuide slug={slug} origin={origin} canCreateKey={canManageKeys(role)} initial={initial} zone={team.timeZone} />
      </Card>
    </>
  );
}
