import type { Metadata } from "next";
import { InlineAction } from "@/components/settings/inline-action";
import { Card } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { canPublishPolicies } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { rollbackPolicyAction } from "@/lib/policies/actions";
import { getPublishedPolicy, listPolicyVersions } from "@/lib/policies/data";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const [current, history] = await Promise.all([getPublishedPolicy(team.id), listPolicyVersions(team.id)]);
  const publish = canPublishPolicies(role);
  return (
    <>
      <PageHeader title="Policies" description="The routing policy your SDKs follow when a call asks for model “auto”. Every connected SDK gets a new version within a second." />
      <div className="space-y-6">
        <Card
          title={current.version === 0 ? "Default policy (nothing published yet)" : `Version ${current.version} (in force)`}
          description={
            current.version === 0
              ? "Until a policy is published, every routed call goes to the default model. Publish with PUT /api/v1/policy and an admin key."
              : `Published ${formatDateTime(current.publishedAt, team.timeZone)}`
          }
        >
          <pre className="overflow-x-auto rounded-md bg-gray-900 p-4 text-xs text-gray-100">
            <code>{JSON.stringify(current.policy, null, 2)}</code>
          </pre>
        </Card>
        {history.length > 0 && (
          <Table caption="Policy history" head={["Version", "Published", "By", "Why", ""]}>
            {history.map((v) => (
              <tr key={v.version}>
                <Td className="font-medium">{v.version}</Td>
                <Td>{formatDateTime(v.publishedAt, team.timeZone)}</Td>
                <Td>{v.by}</Td>
                <Td className="max-w-xs truncate whitespace-normal">{v.message}</Td>
                <Td>
                  {publish && v.version !== current.version && (
                    <InlineAction action={rollbackPolicyAction.bind(null, slug)} fields={{ version: String(v.version) }} label={`Roll back to ${v.version}`}
                      pendingLabel="Publishing…" variant="secondary" confirm={`Publish version ${v.version}'s policy again as a new version?`} />
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </>
  );
}
