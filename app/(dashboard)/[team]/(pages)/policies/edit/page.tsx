import type { Metadata } from "next";
import Link from "next/link";
import { PolicyEditor } from "@/components/policies/editor/policy-editor";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button-class";
import { inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { canEditDrafts, canPublishPolicies } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { loadEditor } from "@/lib/policies/loaders";

export const metadata: Metadata = { title: "Edit policy" };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ start?: string }> };

export default async function EditPolicyPage({ params, searchParams }: Props) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const start = (await searchParams).start ?? "current";
  const view = await loadEditor(team.id, start);
  return (
    <>
      <PageHeader title="Edit policy" description={`Loaded from: ${view.label}. Edits reach your SDKs only when published, as a new version.`}
        actions={
          <form method="get" className="flex items-end gap-2">
            <label className="text-xs text-gray-600">Start from
              <select name="start" defaultValue={start} className={`${inputClass} mt-0.5 py-1.5`}>
                {view.startingPoints.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>Load</button>
          </form>
        } />
      <Link href={`/${slug}/policies`} className="text-sm text-blue-800 underline">← Policies</Link>
      {"error" in view && view.error && <div className="mt-3"><Alert>{view.error}</Alert></div>}
      <div className="mt-4">
        <PolicyEditor key={start} slug={slug} initial={view.policy} draft={view.draft ?? { name: `Draft ${new Date().toISOString().slice(0, 10)}` }}
          models={view.models} taskTypes={view.taskTypes} canSave={canEditDrafts(role)} canPublish={canPublishPolicies(role)} floor={view.settings.successFloor} />
      </div>
    </>
  );
}
