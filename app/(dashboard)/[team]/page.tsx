import type { Metadata } from "next";
import { InstallSdk } from "@/components/shell/install-sdk";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return (
    <>
      <PageHeader title={team.name} description="Spend, success rate and latency across your LLM calls." />
      <InstallSdk slug={slug} what="Cost, success rate and latency" />
    </>
  );
}
