import type { Metadata } from "next";
import { InstallSdk } from "@/components/shell/install-sdk";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Task types" };

export default async function TaskTypesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  await requireTeam(team);
  return (
    <>
      <PageHeader title="Task types" description="Cost, success rate and latency for each task type and model." />
      <InstallSdk slug={team} what="Per-task-type statistics" />
    </>
  );
}
