import type { Metadata } from "next";
import { TrafficState } from "@/components/shell/traffic-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return (
    <>
      <PageHeader title="Calls" description="Every logged call, newest first, with its model, tokens, cost and outcome." />
      <TrafficState teamId={team.id} slug={slug} what="Calls" />
    </>
  );
}
