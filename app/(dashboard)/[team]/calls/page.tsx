import type { Metadata } from "next";
import { InstallSdk } from "@/components/shell/install-sdk";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Calls" };

export default async function CallsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  await requireTeam(team);
  return (
    <>
      <PageHeader title="Calls" description="Every logged call, newest first, with its model, tokens, cost and outcome." />
      <InstallSdk slug={team} what="Calls" />
    </>
  );
}
