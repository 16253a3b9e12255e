import type { Metadata } from "next";
import { TrafficState } from "@/components/shell/traffic-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Simulate" };

export default async function SimulatePage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return (
    <>
      <PageHeader title="Simulate" description="Project a routing policy over your own logged traffic before you publish it." />
      <TrafficState teamId={team.id} slug={slug} what="Simulations" />
    </>
  );
}
