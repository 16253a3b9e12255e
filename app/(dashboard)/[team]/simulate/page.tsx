import type { Metadata } from "next";
import { InstallSdk } from "@/components/shell/install-sdk";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Simulate" };

export default async function SimulatePage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  await requireTeam(team);
  return (
    <>
      <PageHeader title="Simulate" description="Project a routing policy over your own logged traffic before you publish it." />
      <InstallSdk slug={team} what="Simulations" />
    </>
  );
}
