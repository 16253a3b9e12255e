import type { Metadata } from "next";
import { TrafficState } from "@/components/shell/traffic-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return (
    <>
      <PageHeader title={team.name} description="Spend, success rate and latency across your LLM calls." />
      <TrafficState teamId={team.id} slug={slug} what="Charts of cost, success rate and latency" />
    </>
  );
}
