import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireTeam } from "@/lib/auth/session";
import { getPublishedPolicy } from "@/lib/policies/data";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team } = await requireTeam(slug);
  const current = await getPublishedPolicy(team.id);
  return (
    <>
      <PageHeader title="Policies" description="The routing policy your SDKs follow when a call asks for model “auto”." />
      <Card
        title={current.version === 0 ? "Default policy (nothing published yet)" : `Version ${current.version}`}
        description={
          current.version === 0
            ? "Until a policy is published, every routed call goes to the default model. SDKs read this from GET /api/v1/policy."
            : `Published ${current.publishedAt?.toISOString()}`
        }
      >
        <pre className="overflow-x-auto rounded-md bg-gray-900 p-4 text-xs text-gray-100">
          <code>{JSON.stringify(current.policy, null, 2)}</code>
        </pre>
      </Card>
    </>
  );
}
