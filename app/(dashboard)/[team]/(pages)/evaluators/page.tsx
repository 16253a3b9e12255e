import type { Metadata } from "next";
import Link from "next/link";
import { BackfillJobs } from "@/components/evaluators/backfill-jobs";
import { CaptureNotice } from "@/components/evaluators/capture-notice";
import { EvaluatorForm } from "@/components/evaluators/evaluator-form";
import { EvaluatorTable } from "@/components/evaluators/evaluator-table";
import { buttonClass } from "@/components/ui/button-class";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { canManageEvaluators } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { loadEvaluatorsPage } from "@/lib/evaluators/page-data";

export const metadata: Metadata = { title: "Evaluators" };

export default async function EvaluatorsPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role } = await requireTeam(slug);
  const { evaluators, backfills, dimensions, captureContent } = await loadEvaluatorsPage(team.id);
  const manage = canManageEvaluators(role);
  return (
    <>
      <PageHeader title="Evaluators" description="Checks that grade each call's captured output as pass or fail. Where your app gives a call no outcome, its verdicts do, so success rates, the simulator and the policy gate count them."
        actions={manage && evaluators.length > 0 ? <a href="#new-evaluator" className={buttonClass()}>New evaluator</a> : undefined} />
      <div className="space-y-6">
        {evaluators.length > 0 && <CaptureNotice slug={slug} enabled={captureContent} />}
        {evaluators.length === 0 ? (
          <section className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-700">
            <h2 className="text-base font-semibold text-gray-900">No evaluators yet</h2>
            <p className="mt-2 max-w-3xl">
              An evaluator checks the output of each call in its scope: JSON against a schema, a pattern, a text it must contain, the expected
              answer your app put in the call&apos;s metadata, or the arguments of tool calls. New calls are checked in the background as they
              arrive, and a run over past calls grades the ones already stored. Every verdict is kept with the evaluator&apos;s version.
            </p>
            <p className="mt-2">
              Evaluators read captured content, so content capture must be on.{" "}
              {captureContent ? "It is on for this team." : <>It is off for this team: turn it on in <Link href={`/${slug}/settings`} className="text-blue-800 underline">Settings → General</Link>.</>}
            </p>
            <p className="mt-2">{manage ? "Create the first one below." : "Owners and admins create them; everyone on the team sees their results."}</p>
          </section>
        ) : (
          <EvaluatorTable slug={slug} evaluators={evaluators} canEdit={manage} />
        )}
        {backfills.length > 0 && (
          <Card title="Runs over past calls">
            <BackfillJobs slug={slug} backfills={backfills} names={new Map(evaluators.map((e) => [e.id, e.name]))} zone={team.timeZone} canCancel={manage} />
          </Card>
        )}
        {manage ? (
          <div id="new-evaluator" className="scroll-mt-4">
            <Card title="New evaluator" description="It checks new calls in its scope as they arrive; its page then offers a run over past calls.">
              <EvaluatorForm slug={slug} dimensions={dimensions} />
            </Card>
          </div>
        ) : (
          evaluators.length > 0 && <p className="text-sm text-gray-600">Only owners and admins create and change evaluators.</p>
        )}
      </div>
    </>
  );
}
