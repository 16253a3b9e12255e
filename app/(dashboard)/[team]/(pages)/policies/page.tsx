import { DEFAULT_POLICY } from "@switchyard/sdk";
import type { Metadata } from "next";
import Link from "next/link";
import { GateForm } from "@/components/policies/gate-form";
import { PolicyDiff } from "@/components/policies/policy-diff";
import { PolicySummary } from "@/components/policies/policy-summary";
import { VersionChecks } from "@/components/policies/version-checks";
import { InlineAction } from "@/components/settings/inline-action";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatPercent, formatShortDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { canPublishPolicies } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { rollbackPolicyAction } from "@/lib/policies/actions";
import { checkVersion } from "@/lib/policies/check";
import { getPolicySettings, getPublishedPolicy, listDrafts, listPolicyVersions } from "@/lib/policies/data";

export const metadata: Metadata = { title: "Policies" };

/** The latest versions checked against what they did (each check reads up to 50,000 of its calls). */
const CHECKED_VERSIONS = 3;

export default async function PoliciesPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const [current, history, drafts, settings] = await Promise.all([getPublishedPolicy(team.id), listPolicyVersions(team.id), listDrafts(team.id), getPolicySettings(team.id)]);
  const checks = await Promise.all(history.slice(0, CHECKED_VERSIONS).map((v) => checkVersion(team.id, v.version)));
  const publish = canPublishPolicies(role);
  return (
    <>
      <PageHeader title="Policies" description="The routing policy your SDKs follow when a call asks for model “auto”. Every connected SDK gets a new version within a second."
        actions={<Link href={`/${slug}/policies/edit`} className={buttonClass()}>Edit policy</Link>} />
      <div className="space-y-6">
        <Card
          title={current.version === 0 ? "Default policy (nothing published yet)" : `Version ${current.version} (in force)`}
          description={
            current.version === 0
              ? "Until a policy is published, every routed call goes to the default model. Write one with Edit policy, or let Simulate suggest one from your traffic."
              : `Published ${formatDateTime(current.publishedAt, team.timeZone)}`
          }
        >
          <PolicySummary policy={current.policy} />
          <details className="mt-3">
            <summary className="cursor-pointer text-sm text-blue-800">As JSON</summary>
            <pre className="mt-2 overflow-x-auto rounded-md bg-gray-900 p-4 text-xs text-gray-100"><code>{JSON.stringify(current.policy, null, 2)}</code></pre>
          </details>
        </Card>
        {drafts.length > 0 && (
          <Card title="Drafts">
            <ul className="space-y-1 text-sm">
              {drafts.map((d) => (
                <li key={d.id}>
                  <Link className="text-blue-800 underline" href={`/${slug}/policies/edit?start=draft:${d.id}`}>{d.name}</Link>{" "}
                  <span className="text-gray-500">saved {formatDateTime(d.updatedAt, team.timeZone)}</span> ·{" "}
                  <Link className="text-blue-800 underline" href={`/${slug}/simulate?start=draft:${d.id}`}>simulate</Link>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {checks.length > 0 && <VersionChecks checks={checks} zone={team.timeZone} />}
        <Card title="Policy gate" description="A floor for projected success per task type, checked over the last 30 days at every publish (UI and API).">
          <GateForm slug={slug} floor={settings.successFloor} tolerance={settings.suggestTolerance} canEdit={publish} />
        </Card>
        {history.length > 0 && (
          <Table caption="Policy history" head={["Version", `Published (${team.timeZone})`, "By", "Why", "Changes", ""]} stacked>
            {history.map((v, i) => (
              <tr key={v.version}>
                <Td className="font-medium"><span className="sm:hidden">Version </span>{v.version}</Td>
                <Td><span title={formatDateTime(v.publishedAt, team.timeZone)}>{formatShortDateTime(v.publishedAt, team.timeZone)}</span></Td>
                <Td className="min-w-40 max-w-48 whitespace-normal [overflow-wrap:anywhere]">{v.by}</Td>
                <Td className="min-w-40 max-w-xs whitespace-normal">
                  {v.message}
                  {v.gateOverride && <span className="mt-1 block text-xs text-amber-800">Published below the success floor: {v.gateOverride}</span>}
                  {v.guard && (
                    <span className="mt-1 block text-xs text-gray-600">
                      Guarded: rolls back if a changed task type falls below {[v.guard.minSuccess !== undefined && formatPercent(v.guard.minSuccess), v.guard.belowProjection && "its projection"].filter(Boolean).join(" or ")}
                    </span>
                  )}
                </Td>
                <Td className="min-w-64 whitespace-normal"><PolicyDiff before={history[i + 1]?.policy ?? DEFAULT_POLICY} after={v.policy} /></Td>
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
