import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ team: string }> }) {
  const { team } = await params;
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsNav slug={team} />
      <div className="mt-6 max-w-4xl space-y-6">{children}</div>
    </>
  );
}
