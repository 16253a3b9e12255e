import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackfillForm } from "@/components/evaluators/backfill-form";
import { BackfillJobs } from "@/components/evaluators/backfill-jobs";
import { CaptureNotice } from "@/components/evaluators/capture-notice";
import { describeScope, formatRate, kindLabel } from "@/components/evaluators/describe";
import { EvaluatorForm } from "@/components/evaluators/evaluator-form";
import { ResultsSummary } from "@/components/evaluators/results-summary";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageEvaluators } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { defaultBackfillDates } from "@/lib/evaluators/form";
import { loadEvaluatorPage } from "@/lib/evaluators/page-data";

export const metadata: Metadata = { title: "Evaluator" };

type Props = { params: Promise<{ team: string; evaluatorId: string }>; searchParams: Promise<{ created?: string }> };

export default async function EvaluatorPage({ params, searchParams }: Props) {
  const { team: slug, evaluatorId } = await params;
  const { created } = await searchParams;
  const { team, role } = await requireTeam(slug);
  const data = await loadEvaluatorPage(team.id, evaluatorId);
  if (!data) notFound();
  const { evaluator: e, backfills, dimensions, captureContent } = data;
  const manage = canManageEvaluators(role);
  return (
    <>
      <PageHeader title={e.name} description={`${kindLabel(e.kind)} · version ${e.version} · ${e.enabled ? "enabled" : "disabled"}`}
        actions={<Link href={`/${slug}/evaluators`} className="text-sm text-blue-800 underline">← All evaluators</Link>} />
      <div className="space-y-6">
        {created && <Alert tone="success">Created as version 1. It checks new calls in its scope as they arrive; run it over past calls below.</Alert>}
        <CaptureNotice slug={slug} enabled={captureContent} />
        <Card title={`Results of version ${e.version}`}>
          <dl className="grid gap-3 text-sm sm:grid-cols-[auto_1fr] sm:gap-x-6">
            <dt className="text-gray-600">Verdicts</dt>
            <dd><ResultsSummary results={e.results} /></dd>
            <dt className="text-gray-600">Scope</dt>
            <dd className="break-words">{describeScope(e.scope)}</dd>
            <dt className="text-gray-600">Sampled</dt>
            <dd>{formatRate(e.sampleRate)} of the calls in scope</dd>
          </dl>
        </Card>
        {(manage || backfills.length > 0) && (
          <Card title="Run over past calls" description="Grades the stored calls of a window with this version. Calls it already graded are graded again; the latest verdict counts.">
            <div className="space-y-6">
              {manage && <BackfillForm slug={slug} evaluatorId={e.id} dates={defaultBackfillDates(team.timeZone)} sampleRate={e.sampleRate} zone={team.timeZone} />}
              {backfills.length > 0 && <BackfillJobs slug={slug} backfills={backfills} zone={team.timeZone} canCancel={manage} />}
            </div>
          </Card>
        )}
        {manage ? (
          <Card title="Change" description={`Saving makes version ${e.version + 1}; the verdicts of earlier versions are kept apart.`}>
            <EvaluatorForm slug={slug} evaluator={e} dimensions={dimensions} />
          </Card>
        ) : (
          <Card title="Definition" description="Only owners and admins change evaluators.">
            <pre className="overflow-x-auto rounded-md bg-gray-900 p-4 text-xs text-gray-100"><code>{JSON.stringify({ kind: e.kind, config: e.config, scope: e.scope }, null, 2)}</code></pre>
          </Card>
        )}
      </div>
    </>
  );
}
