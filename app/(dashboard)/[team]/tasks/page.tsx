import type { Metadata } from "next";
import { TrafficState } from "@/components/shell/traffic-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Task types" };

export default async function TaskTypesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  return (
    <>
      <PageHeader title="Task types" description="Cost, success rate and latency for each task type and model." />
      <TrafficState teamId={team.id} slug={slug} what="Per-task-type statistics" />
    </>
  );
}
